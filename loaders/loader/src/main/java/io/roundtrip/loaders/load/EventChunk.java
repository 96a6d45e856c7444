package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.Discard;
import io.roundtrip.loaders.event.EventType;
import io.roundtrip.loaders.event.RejectedLine;
import io.roundtrip.warehouse.ColumnType;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Consecutive parsed lines of one file, kept in a few arrays instead of an object per event.
 *
 * <p>A load keeps every parsed event in memory (spilling to disk) for all of its phases. As
 * objects, a million events are fifty million small objects, and caching them costs more than
 * parsing them; as chunks they are a few arrays per file, which Spark caches for free and which
 * write rows without decoding strings ({@link TableLayout} hands the UTF-8 bytes to Parquet).
 *
 * <p>Each event's columns are encoded back to back in {@link #data}: the column name's index in
 * {@link #columnNames} (varint), the type's ordinal (one byte), then the value: 8 bytes for
 * BIGINT and DOUBLE, 1 for BOOLEAN, varint length and UTF-8 bytes for STRING, and for TIMESTAMP
 * 8 bytes of UTC microseconds followed by the original text (length and bytes).
 */
final class EventChunk implements Serializable {

  final int file;
  /** Lines the file has, on the file's last chunk; -1 on the others. */
  final long fileLines;
  final String[] columnNames;
  final String[] eventTables;
  final int size;
  final String[] ids;
  final long[] receivedAt;
  final long[] lines;
  final byte[] eventTypes;
  /** Index into {@link #eventTables}, or -1 when the event is not a track. */
  final int[] eventTable;
  /** Where event i's columns start in {@link #data}; {@code offsets[size]} is the end. */
  final int[] offsets;
  /** The ordinal of event i's first payload (properties or traits) column. */
  final int[] payloadStart;
  final int[] columnCount;
  final byte[] data;
  final List<RejectedLine> rejects;
  /** Event index -> values dropped while flattening it. */
  final Map<Integer, List<Discard>> discards;
  /** What the chunk's events need of each table, with the evidence for each column's type. */
  final ColumnProfile columns;
  /** Lines selective sync left out, and payload values it left out of the events. */
  final long filteredLines;
  final long filteredValues;

  EventChunk(int file, long fileLines, String[] columnNames, String[] eventTables, int size, String[] ids,
      long[] receivedAt, long[] lines, byte[] eventTypes, int[] eventTable, int[] offsets, int[] payloadStart,
      int[] columnCount, byte[] data, List<RejectedLine> rejects, Map<Integer, List<Discard>> discards,
      ColumnProfile columns, long filteredLines, long filteredValues) {
    this.file = file;
    this.fileLines = fileLines;
    this.columnNames = columnNames;
    this.eventTables = eventTables;
    this.size = size;
    this.ids = ids;
    this.receivedAt = receivedAt;
    this.lines = lines;
    this.eventTypes = eventTypes;
    this.eventTable = eventTable;
    this.offsets = offsets;
    this.payloadStart = payloadStart;
    this.columnCount = columnCount;
    this.data = data;
    this.rejects = rejects;
    this.discards = discards;
    this.columns = columns;
    this.filteredLines = filteredLines;
    this.filteredValues = filteredValues;
  }

  EventType type(int event) {
    return EventType.values()[eventTypes[event]];
  }

  /** The track's own table, or null. */
  String eventTable(int event) {
    return eventTable[event] < 0 ? null : eventTables[eventTable[event]];
  }

  /** Position in the input, for choosing the first of several duplicates. */
  long position(int event) {
    return ((long) file << 40) | lines[event];
  }

  /** The tables the event's row goes to (users and accounts are merged, not listed). */
  List<String> tables(int event) {
    String own = eventTable(event);
    return own == null ? List.of(type(event).table()) : List.of(type(event).table(), own);
  }

  /**
   * Which of the chunk's events {@code table} takes, as a cheap test: the event type whose table it
   * is (or -1) and the index of the track table among {@link #eventTables} (or -1).
   */
  int[] matcher(String table) {
    int type = -1;
    for (EventType t : EventType.values()) {
      if (t.table().equals(table)) {
        type = t.ordinal();
      }
    }
    int own = -1;
    for (int i = 0; i < eventTables.length; i++) {
      if (eventTables[i].equals(table)) {
        own = i;
      }
    }
    return new int[] {type, own};
  }

  boolean matches(int[] matcher, int event) {
    return eventTypes[event] == matcher[0] || (matcher[1] >= 0 && eventTable[event] == matcher[1]);
  }

  /** The end of the columns {@code table} takes of event i, for an event that {@link #matches} it. */
  int end(int[] matcher, int event) {
    return eventTypes[event] == matcher[0] && eventTypes[event] == EventType.TRACK.ordinal()
        ? payloadStart[event] : columnCount[event];
  }

  /**
   * The column ordinals [from, to) of event i that {@code table} takes, or null: {@code tracks}
   * keeps the common columns, a track's own table and the other types' tables keep all.
   */
  int[] range(int event, String table) {
    EventType type = type(event);
    if (table.equals(type.table())) {
      return new int[] {0, type == EventType.TRACK ? payloadStart[event] : columnCount[event]};
    }
    if (table.equals(eventTable(event))) {
      return new int[] {0, columnCount[event]};
    }
    return null;
  }

  /** Reads one event's columns in order; reuse one per thread. */
  static final class Cursor {
    private byte[] data;
    private int position;
    private int end;
    int ordinal;
    int name;
    ColumnType type;
    long longValue;
    double doubleValue;
    boolean booleanValue;
    int textOffset;
    int textLength;

    Cursor of(EventChunk chunk, int event) {
      this.data = chunk.data;
      this.position = chunk.offsets[event];
      this.end = chunk.offsets[event + 1];
      this.ordinal = -1;
      return this;
    }

    boolean next() {
      if (position >= end) {
        return false;
      }
      ordinal++;
      name = readVarint();
      type = ColumnType.ofOrdinal(data[position++]);
      switch (type) {
        case BIGINT -> longValue = readLong();
        case DOUBLE -> doubleValue = Double.longBitsToDouble(readLong());
        case BOOLEAN -> booleanValue = data[position++] != 0;
        case TIMESTAMP -> {
          longValue = readLong();
          readText();
        }
        default -> readText();
      }
      return true;
    }

    String text() {
      return new String(data, textOffset, textLength, StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      return data;
    }

    /** The value as the parser produced it: Long, Double, Boolean, or String (timestamps as their text). */
    Object value() {
      return switch (type) {
        case BIGINT -> longValue;
        case DOUBLE -> doubleValue;
        case BOOLEAN -> booleanValue;
        default -> text();
      };
    }

    private void readText() {
      textLength = readVarint();
      textOffset = position;
      position += textLength;
    }

    private long readLong() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (data[position++] & 0xffL) << (8 * i);
      }
      return v;
    }

    private int readVarint() {
      int v = 0;
      int shift = 0;
      byte b;
      do {
        b = data[position++];
        v |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      return v;
    }
  }
}
