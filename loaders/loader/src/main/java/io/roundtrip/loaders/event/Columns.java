package io.roundtrip.loaders.event;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Names of the columns every table of the warehouse schema may have. */
public final class Columns {
  public static final String ID = "id";
  public static final String ANONYMOUS_ID = "anonymous_id";
  public static final String USER_ID = "user_id";
  public static final String RECEIVED_AT = "received_at";
  public static final String SENT_AT = "sent_at";
  public static final String TIMESTAMP = "timestamp";
  public static final String ORIGINAL_TIMESTAMP = "original_timestamp";
  /** When the row was loaded; one value per load. */
  public static final String UUID_TS = "uuid_ts";
  public static final String EVENT = "event";
  public static final String EVENT_TEXT = "event_text";
  public static final String NAME = "name";
  public static final String GROUP_ID = "group_id";
  public static final String PREVIOUS_ID = "previous_id";
  public static final String CONTEXT_PREFIX = "context_";

  /** The columns every table of a call type has, in the order a new table lists them. */
  public static final List<String> ENVELOPE = List.of(ID, ANONYMOUS_ID, USER_ID, RECEIVED_AT, SENT_AT, TIMESTAMP,
      ORIGINAL_TIMESTAMP, UUID_TS);

  private static final Map<EventType, List<String>> FIXED = new EnumMap<>(Map.of(
      EventType.IDENTIFY, ENVELOPE,
      EventType.TRACK, concat(ENVELOPE, EVENT, EVENT_TEXT),
      EventType.PAGE, concat(ENVELOPE, NAME),
      EventType.SCREEN, concat(ENVELOPE, NAME),
      EventType.GROUP, concat(ENVELOPE, GROUP_ID),
      EventType.ALIAS, concat(ENVELOPE, PREVIOUS_ID)));

  private Columns() {}

  /**
   * The fixed columns of the tables a call type lands in (Segment's warehouse schema): the envelope
   * everywhere, then {@code event} and {@code event_text} for tracks and their event tables,
   * {@code name} for pages and screens, {@code group_id} for groups, {@code previous_id} for
   * aliases. {@code users} and {@code accounts} take their columns from identifies and groups.
   */
  public static List<String> fixed(EventType type) {
    return FIXED.get(type);
  }

  /**
   * True when a property or trait would take the name of a fixed column of the table it lands in,
   * or of a context column; it then gets a {@code _} prefix, as Segment does for names that
   * conflict with its own fields. {@code name} is plain on a track's own table or on groups, and
   * {@code _name} only on pages and screens.
   */
  public static boolean isFixed(EventType type, String column) {
    return FIXED.get(type).contains(column) || column.startsWith(CONTEXT_PREFIX);
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }
}
