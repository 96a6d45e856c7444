package io.roundtrip.loaders.event;

import java.util.List;
import java.util.Set;

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

  /** Fixed columns, in the order a new table lists them. */
  public static final List<String> STANDARD_ORDER = List.of(ID, ANONYMOUS_ID, USER_ID, RECEIVED_AT, SENT_AT,
      TIMESTAMP, ORIGINAL_TIMESTAMP, UUID_TS, EVENT, EVENT_TEXT, NAME, GROUP_ID, PREVIOUS_ID);

  private static final Set<String> STANDARD = Set.copyOf(STANDARD_ORDER);

  private Columns() {}

  public static boolean isStandard(String column) {
    return STANDARD.contains(column);
  }

  /**
   * True when a property or trait would take the name of a fixed column or a context column; it
   * then gets a {@code _} prefix, as Segment does for names that conflict with its own fields.
   */
  public static boolean isTakenByEnvelope(String column) {
    return STANDARD.contains(column) || column.startsWith(CONTEXT_PREFIX);
  }
}
