package io.roundtrip.warehouse.naming;

import java.util.Optional;
import java.util.Set;

/**
 * Turns raw keys and event names into warehouse table and column names.
 *
 * <p>The steps, in order: Segment's {@link SnakeCase}; a {@code _} prefix for a name that starts
 * with a digit or is a reserved word of the {@link Dialect}; for event tables, a {@code _} prefix
 * when the name would collide with one of the fixed tables ({@code tracks}, {@code users}, ...);
 * finally a cut to the dialect's length limit. A key with no ASCII letter or digit has no name.
 */
public final class NameRules implements java.io.Serializable {

  /** Tables every source has; an event table may not take one of these names. */
  public static final Set<String> FIXED_TABLES =
      Set.of("identifies", "users", "tracks", "pages", "screens", "groups", "accounts", "aliases");

  private final Dialect dialect;

  public NameRules(Dialect dialect) {
    this.dialect = dialect;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The column name for a raw key (nested keys already joined with {@code _}), if it has one. */
  public Optional<String> columnName(String rawKey) {
    String name = SnakeCase.of(rawKey);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(cut(escape(name)));
  }

  /** The table name for a track event, if the event name has one. */
  public Optional<String> eventTableName(String event) {
    String name = SnakeCase.of(event);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    name = escape(name);
    if (FIXED_TABLES.contains(name)) {
      name = "_" + name;
    }
    return Optional.of(cut(name));
  }

  private String escape(String name) {
    if (Character.isDigit(name.charAt(0)) || dialect.isReserved(name)) {
      return "_" + name;
    }
    return name;
  }

  private String cut(String name) {
    return name.length() > dialect.maxNameLength() ? name.substring(0, dialect.maxNameLength()) : name;
  }
}
