package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.Discard;
import io.roundtrip.loaders.event.EventType;
import io.roundtrip.loaders.event.FlatEvent;
import io.roundtrip.loaders.event.RejectedLine;
import io.roundtrip.loaders.types.Timestamps;
import io.roundtrip.loaders.types.TypeRules;
import io.roundtrip.warehouse.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Encodes parsed lines into an {@link EventChunk}, profiling the columns as it goes. */
final class EventChunkBuilder {

  /** Chunks stay well below the 2 GB an array can hold, and small enough to spill to disk in one piece. */
  static final int MAX_EVENTS = 50_000;
  static final int MAX_BYTES = 48 << 20;

  private final int file;
  private final Map<String, Integer> names = new HashMap<>();
  private final List<String> nameList = new ArrayList<>();
  private final Map<String, Integer> tables = new HashMap<>();
  private final List<String> tableList = new ArrayList<>();
  /** table -> stats by column-name index, so that profiling a column is an array access. */
  private final Map<String, ColumnProfile.ColumnStats[]> stats = new HashMap<>();
  private final List<RejectedLine> rejects = new ArrayList<>();
  private final Map<Integer, List<Discard>> discards = new HashMap<>();
  private int size;
  private String[] ids = new String[1024];
  private long[] receivedAt = new long[1024];
  private long[] lines = new long[1024];
  private byte[] eventTypes = new byte[1024];
  private int[] eventTable = new int[1024];
  private int[] offsets = new int[1025];
  private int[] payloadStart = new int[1024];
  private int[] columnCount = new int[1024];
  private byte[] data = new byte[4 << 20];
  private int length;
  private long filteredLines;
  private long filteredValues;

  EventChunkBuilder(int file) {
    this.file = file;
  }

  boolean isFull() {
    return size >= MAX_EVENTS || length >= MAX_BYTES;
  }

  boolean isEmpty() {
    return size == 0 && rejects.isEmpty() && filteredLines == 0;
  }

  void add(RejectedLine reject) {
    rejects.add(reject);
  }

  void addFiltered() {
    filteredLines++;
  }

  void add(FlatEvent e) {
    if (size == ids.length) {
      grow();
    }
    filteredValues += e.filtered();
    int i = size++;
    ids[i] = e.id();
    receivedAt[i] = e.receivedAt();
    lines[i] = e.line();
    eventTypes[i] = (byte) e.type().ordinal();
    eventTable[i] = e.eventTable() == null ? -1 : tables.computeIfAbsent(e.eventTable(), t -> {
      tableList.add(t);
      return tableList.size() - 1;
    });
    payloadStart[i] = e.payloadStart();
    columnCount[i] = e.size();
    offsets[i] = length;
    if (e.discards() != null) {
      discards.put(i, e.discards());
    }
    long position = ((long) file << 40) | e.line();
    ColumnProfile.ColumnStats[] main = stats(e.type().table());
    ColumnProfile.ColumnStats[] own = e.eventTable() == null ? null : stats(e.eventTable());
    Profiles profile = Profiles.fedBy(e.type());
    ColumnProfile.ColumnStats[] traits = profile == null ? null : stats(profile.table());
    int mainEnd = e.type() == EventType.TRACK ? e.payloadStart() : e.size();
    for (int c = 0; c < e.size(); c++) {
      int name = nameIndex(e.names()[c]);
      ColumnType type = e.type(c);
      writeVarint(name);
      writeByte(type.ordinal());
      Object value = e.values()[c];
      switch (type) {
        case BIGINT -> writeLong((Long) value);
        case DOUBLE -> writeLong(Double.doubleToRawLongBits((Double) value));
        case BOOLEAN -> writeByte((Boolean) value ? 1 : 0);
        case TIMESTAMP -> {
          writeLong(Timestamps.parseMicros((String) value));
          writeText((String) value);
        }
        default -> writeText((String) value);
      }
      boolean fraction = type == ColumnType.DOUBLE && TypeRules.hasFraction((Double) value);
      if (c < mainEnd) {
        main = observe(e.type().table(), main, name, type, fraction, e.receivedAt(), position);
      }
      if (own != null) {
        own = observe(e.eventTable(), own, name, type, fraction, e.receivedAt(), position);
      }
      if (traits != null && c >= e.payloadStart()) {
        traits = observe(profile.table(), traits, name, type, fraction, e.receivedAt(), position);
      }
    }
    offsets[i + 1] = length;
  }

  EventChunk build(long fileLines) {
    ColumnProfile profile = new ColumnProfile();
    stats.forEach((table, byName) -> {
      Map<String, ColumnProfile.ColumnStats> columns = profile.table(table);
      for (int n = 0; n < byName.length; n++) {
        if (byName[n] != null) {
          columns.put(nameList.get(n), byName[n]);
        }
      }
    });
    return new EventChunk(file, fileLines, nameList.toArray(new String[0]), tableList.toArray(new String[0]), size,
        Arrays.copyOf(ids, size), Arrays.copyOf(receivedAt, size), Arrays.copyOf(lines, size),
        Arrays.copyOf(eventTypes, size), Arrays.copyOf(eventTable, size), Arrays.copyOf(offsets, size + 1),
        Arrays.copyOf(payloadStart, size), Arrays.copyOf(columnCount, size), Arrays.copyOf(data, length),
        List.copyOf(rejects), Map.copyOf(discards), profile, filteredLines, filteredValues);
  }

  private ColumnProfile.ColumnStats[] stats(String table) {
    return stats.computeIfAbsent(table, t -> new ColumnProfile.ColumnStats[Math.max(64, nameList.size())]);
  }

  private ColumnProfile.ColumnStats[] observe(String table, ColumnProfile.ColumnStats[] byName, int name,
      ColumnType type, boolean fraction, long receivedAt, long position) {
    if (name >= byName.length) {
      byName = Arrays.copyOf(byName, Math.max(name + 1, byName.length * 2));
      stats.put(table, byName);
    }
    if (byName[name] == null) {
      byName[name] = new ColumnProfile.ColumnStats(type, fraction, receivedAt, position);
    } else {
      byName[name].observe(type, fraction, receivedAt, position);
    }
    return byName;
  }

  private int nameIndex(String name) {
    Integer index = names.get(name);
    if (index == null) {
      index = nameList.size();
      names.put(name, index);
      nameList.add(name);
    }
    return index;
  }

  private void grow() {
    int capacity = ids.length * 2;
    ids = Arrays.copyOf(ids, capacity);
    receivedAt = Arrays.copyOf(receivedAt, capacity);
    lines = Arrays.copyOf(lines, capacity);
    eventTypes = Arrays.copyOf(eventTypes, capacity);
    eventTable = Arrays.copyOf(eventTable, capacity);
    offsets = Arrays.copyOf(offsets, capacity + 1);
    payloadStart = Arrays.copyOf(payloadStart, capacity);
    columnCount = Arrays.copyOf(columnCount, capacity);
  }

  private void ensure(int extra) {
    if (length + extra > data.length) {
      data = Arrays.copyOf(data, Math.max(length + extra, data.length * 2));
    }
  }

  private void writeByte(int b) {
    ensure(1);
    data[length++] = (byte) b;
  }

  private void writeLong(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      data[length++] = (byte) (v >>> (8 * i));
    }
  }

  private void writeVarint(int v) {
    ensure(5);
    while ((v & ~0x7f) != 0) {
      data[length++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    data[length++] = (byte) v;
  }

  private void writeText(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    writeVarint(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, data, length, bytes.length);
    length += bytes.length;
  }
}
