package io.roundtrip.loaders.event;

import io.roundtrip.warehouse.ColumnType;
import java.io.Serializable;
import java.util.List;

/**
 * One event, flattened into typed columns and ready for any of the tables it feeds.
 *
 * <p>Columns {@code [0, payloadStart)} are the common ones (ids, timestamps, {@code context_*},
 * {@code event}/{@code name}/{@code group_id}/{@code previous_id}); {@code [payloadStart, n)} come
 * from {@code properties} or {@code traits}. So {@code tracks} takes the first part and the event's
 * own table takes all of it. Values are Long, Double, Boolean or String; a TIMESTAMP value is its
 * ISO-8601 text.
 *
 * @param file index of the input file in the load plan
 * @param line 1-based line number in that file
 * @param receivedAt microseconds since the epoch
 * @param eventTable for a track, the event's own table; otherwise null
 * @param discards values that were dropped while flattening, or null when there are none
 * @param filtered payload values that selective sync left out
 */
public record FlatEvent(
    int file,
    long line,
    EventType type,
    String id,
    long receivedAt,
    String eventTable,
    String[] names,
    byte[] types,
    Object[] values,
    int payloadStart,
    List<Discard> discards,
    int filtered)
    implements ParsedLine, Serializable {

  public int size() {
    return names.length;
  }

  public ColumnType type(int column) {
    return ColumnType.ofOrdinal(types[column]);
  }

  /** The value of a column by name, or null. */
  public Object value(String column) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(column)) {
        return values[i];
      }
    }
    return null;
  }

  /** The tables this event's row goes to (not counting users and accounts, which are merged). */
  public List<String> tables() {
    return eventTable == null ? List.of(type.table()) : List.of(type.table(), eventTable);
  }

  /** Position in the input, for choosing the first of several duplicates. */
  public long position() {
    return ((long) file << 40) | line;
  }
}
