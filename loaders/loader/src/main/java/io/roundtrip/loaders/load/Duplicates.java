package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.EventType;
import java.io.Serializable;
import java.util.Map;

/**
 * Which events a load must not write: the later copies of a messageId repeated within the load
 * (the first line in file order is kept), and the events whose messageId the table of their type
 * ({@code tracks}, {@code pages}, ...) already has. Every event lands in exactly one of those
 * tables, so that table alone says whether the event was loaded before; its own event table,
 * {@code users} and {@code accounts} follow it.
 */
final class Duplicates implements Serializable {

  private final IdIndex keptPositionOfRepeated;
  private final Map<EventType, IdIndex> alreadyLoaded;

  /**
   * @param keptPositionOfRepeated messageIds seen more than once in the load -> position of the copy kept
   * @param alreadyLoaded event type -> the load's messageIds its table already has
   */
  Duplicates(IdIndex keptPositionOfRepeated, Map<EventType, IdIndex> alreadyLoaded) {
    this.keptPositionOfRepeated = keptPositionOfRepeated;
    this.alreadyLoaded = alreadyLoaded;
  }

  boolean repeatedInLoad(EventChunk chunk, int event) {
    long kept = keptPositionOfRepeated.get(chunk.ids[event], -1);
    return kept >= 0 && kept != chunk.position(event);
  }

  boolean alreadyLoaded(EventChunk chunk, int event) {
    IdIndex ids = alreadyLoaded.get(chunk.type(event));
    return ids != null && ids.contains(chunk.ids[event]);
  }
}
