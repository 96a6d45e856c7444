package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.EventType;
import io.roundtrip.loaders.event.FlatEvent;

/** Which columns of an event go to which table. */
final class Routes {

  private Routes() {}

  /**
   * End of the columns the event's type table takes: {@code tracks} keeps only the common
   * columns (its properties live in the event's own table); the other types keep all.
   */
  static int mainTableEnd(FlatEvent e) {
    return e.type() == EventType.TRACK ? e.payloadStart() : e.size();
  }

  /** The column range [from, to) of {@code e} that {@code table} takes, or null if none. */
  static int[] range(FlatEvent e, String table) {
    if (table.equals(e.type().table())) {
      return new int[] {0, mainTableEnd(e)};
    }
    if (table.equals(e.eventTable())) {
      return new int[] {0, e.size()};
    }
    return null;
  }
}
