package io.roundtrip.reverseetl.destinations.table;

import static io.roundtrip.reverseetl.destinations.table.TableSql.keysMatch;
import static io.roundtrip.reverseetl.destinations.table.TableSql.qualified;
import static io.roundtrip.reverseetl.destinations.table.TableSql.quote;

import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: {@code INSERT ... ON CONFLICT} from a staging table. */
public final class PostgresSql implements TableSql {

  @Override
  public String type(ColumnKind kind) {
    return switch (kind) {
      case TEXT -> "text";
      case BIGINT -> "bigint";
      case DOUBLE -> "double precision";
      case BOOLEAN -> "boolean";
      case TIMESTAMP -> "timestamptz";
      case JSON -> "jsonb";
    };
  }

  @Override
  public String createSessionStage(String table) {
    // Session-local and emptied at every commit, so a failed batch leaves nothing behind. Built
    // with AS rather than LIKE so it has the table's column types without its NOT NULL
    // constraints: a delete stages only the key.
    return "CREATE TEMP TABLE IF NOT EXISTS " + qualified(STAGE) + " ON COMMIT DELETE ROWS AS " + stageColumns(table)
        + " WITH NO DATA";
  }

  @Override
  public String createSharedStage(String stage, String table) {
    // unlogged: written once, read once, rebuilt on any failure; the WAL would double the writes
    return "CREATE UNLOGGED TABLE " + qualified(stage) + " AS " + stageColumns(table) + " WITH NO DATA";
  }

  private static String stageColumns(String table) {
    return "SELECT NULL::text AS " + quote(KEY) + ", t.* FROM " + qualified(table) + " AS t";
  }

  @Override
  public String dropStage(String stage) {
    return "DROP TABLE IF EXISTS " + qualified(stage);
  }

  @Override
  public String apply(String stage, String table, List<String> columns, List<String> keys, Mode mode,
      boolean nullOverwrites) {
    String list = columns.stream().map(TableSql::quote).collect(Collectors.joining(", "));
    String keyList = keys.stream().map(TableSql::quote).collect(Collectors.joining(", "));
    List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
    String target = qualified(table);
    if (mode == Mode.UPDATE) {
      String set = values.stream().map(c -> quote(c) + " = " + (nullOverwrites ? "s." + quote(c)
          : "COALESCE(s." + quote(c) + ", t." + quote(c) + ")")).collect(Collectors.joining(", "));
      if (values.isEmpty()) {
        set = keys.stream().map(k -> quote(k) + " = s." + quote(k)).collect(Collectors.joining(", "));
      }
      return "UPDATE " + target + " AS t SET " + set + " FROM " + qualified(stage) + " AS s WHERE "
          + keysMatch("t", keys);
    }
    String insert = "INSERT INTO " + target + " AS t (" + list + ") SELECT " + list + " FROM " + qualified(stage)
        + " ON CONFLICT (" + keyList + ") ";
    if (mode == Mode.INSERT || values.isEmpty()) {
      return insert + "DO NOTHING";
    }
    return insert + "DO UPDATE SET " + values.stream().map(c -> quote(c) + " = "
        + (nullOverwrites ? "EXCLUDED." + quote(c) : "COALESCE(EXCLUDED." + quote(c) + ", t." + quote(c) + ")"))
        .collect(Collectors.joining(", "));
  }

  @Override
  public String delete(String stage, String table, List<String> keys) {
    return "DELETE FROM " + qualified(table) + " AS t USING " + qualified(stage) + " AS s WHERE "
        + keysMatch("t", keys);
  }

  @Override
  public String clearStage(String stage) {
    return "TRUNCATE " + qualified(stage);
  }

  @Override
  public String lockForApply(String table) {
    // blocks other writers (not readers) until the apply commits
    return "LOCK TABLE " + qualified(table) + " IN SHARE ROW EXCLUSIVE MODE";
  }
}
