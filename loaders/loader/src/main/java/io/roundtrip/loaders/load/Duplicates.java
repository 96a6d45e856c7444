package io.roundtrip.loaders.load;

import java.io.Serializable;
import java.util.Map;

/**
 * Which events a load must not write again: the later copies of a messageId repeated within the
 * load (the first line in file order is kept), and, per table, the messageIds the table already
 * has. Checking per table, not per event, is what makes a crashed load safe to re-run: a table that
 * committed before the crash gets nothing twice, one that did not gets everything.
 */
final class Duplicates implements Serializable {

  private final IdIndex keptPositionOfRepeated;
  private final Map<String, IdIndex> alreadyInTable;

  /**
   * @param keptPositionOfRepeated messageIds seen more than once in the load -> position of the copy kept
   * @param alreadyInTable table -> the load's messageIds it already has
   */
  Duplicates(IdIndex keptPositionOfRepeated, Map<String, IdIndex> alreadyInTable) {
    this.keptPositionOfRepeated = keptPositionOfRepeated;
    this.alreadyInTable = alreadyInTable;
  }

  boolean repeatedInLoad(EventChunk chunk, int event) {
    long kept = keptPositionOfRepeated.get(chunk.ids[event], -1);
    return kept >= 0 && kept != chunk.position(event);
  }

  boolean alreadyIn(String table, EventChunk chunk, int event) {
    IdIndex ids = alreadyInTable.get(table);
    return ids != null && ids.contains(chunk.ids[event]);
  }
}
