package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.FlatEvent;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Which events a load must not write again: the later copies of a messageId repeated within the
 * load (the first line in file order is kept), and, per table, the messageIds the table already
 * has. Checking per table, not per event, is what makes a crashed load safe to re-run: a table that
 * committed before the crash gets nothing twice, one that did not gets everything.
 */
final class Duplicates implements Serializable {

  private final Map<String, Long> keptPositionOfRepeated;
  private final Map<String, Set<String>> alreadyInTable;

  Duplicates(Map<String, Long> keptPositionOfRepeated, Map<String, Set<String>> alreadyInTable) {
    this.keptPositionOfRepeated = keptPositionOfRepeated;
    this.alreadyInTable = alreadyInTable;
  }

  boolean repeatedInLoad(FlatEvent e) {
    Long kept = keptPositionOfRepeated.get(e.id());
    return kept != null && kept != e.position();
  }

  boolean alreadyIn(String table, FlatEvent e) {
    Set<String> ids = alreadyInTable.get(table);
    return ids != null && ids.contains(e.id());
  }

  /** True when {@code table} must not get a row for {@code e}. */
  boolean skip(String table, FlatEvent e) {
    return repeatedInLoad(e) || alreadyIn(table, e);
  }

  int repeatedIds() {
    return keptPositionOfRepeated.size();
  }
}
