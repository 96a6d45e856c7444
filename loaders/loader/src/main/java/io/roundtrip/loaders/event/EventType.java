package io.roundtrip.loaders.event;

import java.util.Locale;
import java.util.Optional;

/** The Segment call types and the table each one lands in. */
public enum EventType {
  IDENTIFY("identifies", "traits"),
  TRACK("tracks", "properties"),
  PAGE("pages", "properties"),
  SCREEN("screens", "properties"),
  GROUP("groups", "traits"),
  ALIAS("aliases", null);

  private final String table;
  private final String payloadKey;

  EventType(String table, String payloadKey) {
    this.table = table;
    this.payloadKey = payloadKey;
  }

  /** The table every event of this type lands in. */
  public String table() {
    return table;
  }

  /** The raw key whose fields become the table's own columns ({@code properties} or {@code traits}). */
  public String payloadKey() {
    return payloadKey;
  }

  public static Optional<EventType> parse(String raw) {
    for (EventType type : values()) {
      if (type.name().toLowerCase(Locale.ROOT).equals(raw.toLowerCase(Locale.ROOT))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
