package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.EventType;

/**
 * The two tables that hold one row per entity with its latest traits, merged across loads:
 * {@code users} from identify calls, {@code accounts} from group calls.
 */
public enum Profiles {
  USERS("users", EventType.IDENTIFY, Columns.USER_ID),
  ACCOUNTS("accounts", EventType.GROUP, Columns.GROUP_ID);

  private final String table;
  private final EventType source;
  private final String keyColumn;

  Profiles(String table, EventType source, String keyColumn) {
    this.table = table;
    this.source = source;
    this.keyColumn = keyColumn;
  }

  public String table() {
    return table;
  }

  /** The event type whose payload (traits) feeds this table. */
  public EventType source() {
    return source;
  }

  /** The column of the source table that becomes this table's {@code id}. */
  public String keyColumn() {
    return keyColumn;
  }

  public static Profiles fedBy(EventType type) {
    for (Profiles profile : values()) {
      if (profile.source == type) {
        return profile;
      }
    }
    return null;
  }
}
