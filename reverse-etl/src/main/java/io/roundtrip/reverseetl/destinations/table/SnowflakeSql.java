package io.roundtrip.reverseetl.destinations.table;

import static io.roundtrip.reverseetl.destinations.table.TableSql.keysMatch;
import static io.roundtrip.reverseetl.destinations.table.TableSql.qualified;
import static io.roundtrip.reverseetl.destinations.table.TableSql.quote;

import java.util.List;
import java.util.stream.Collectors;

/** Snowflake: {@code MERGE} from a staging table. */
public final class SnowflakeSql implements TableSql {

  @Override
  public String type(ColumnKind kind) {
    return switch (kind) {
      case TEXT -> "VARCHAR";
      case BIGINT -> "NUMBER(38,0)";
      case DOUBLE -> "FLOAT";
      case BOOLEAN -> "BOOLEAN";
      case TIMESTAMP -> "TIMESTAMP_TZ";
      case JSON -> "VARIANT";
    };
  }

  @Override
  public String createSessionStage(String table) {
    // AS rather than LIKE: the column types without NOT NULL constraints (a delete stages only the key)
    return "CREATE TEMPORARY TABLE IF NOT EXISTS " + qualified(STAGE) + " AS " + stageColumns(table) + " LIMIT 0";
  }

  @Override
  public String createSharedStage(String stage, String table) {
    // transient: no fail-safe storage for a table that lives for one run
    return "CREATE TRANSIENT TABLE " + qualified(stage) + " AS " + stageColumns(table) + " LIMIT 0";
  }

  private static String stageColumns(String table) {
    return "SELECT CAST(NULL AS VARCHAR) AS " + quote(KEY) + ", t.* FROM " + qualified(table) + " AS t";
  }

  @Override
  public String rename(String table, String newName) {
    // unqualified, RENAME TO would move the table into the session's current schema
    return "ALTER TABLE " + qualified(table) + " RENAME TO " + qualified(newName);
  }

  @Override
  public String dropStage(String stage) {
    return "DROP TABLE IF EXISTS " + qualified(stage);
  }

  @Override
  public String apply(String stage, String table, List<String> columns, List<String> keys, Mode mode,
      boolean nullOverwrites) {
    String on = keysMatch("t", keys);
    List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
    StringBuilder sql = new StringBuilder("MERGE INTO " + qualified(table) + " AS t USING " + qualified(stage)
        + " AS s ON " + on);
    if (mode != Mode.INSERT && !values.isEmpty()) {
      sql.append(" WHEN MATCHED THEN UPDATE SET ").append(values.stream().map(c -> "t." + quote(c) + " = "
          + (nullOverwrites ? "s." + quote(c) : "COALESCE(s." + quote(c) + ", t." + quote(c) + ")"))
          .collect(Collectors.joining(", ")));
    }
    if (mode != Mode.UPDATE) {
      sql.append(" WHEN NOT MATCHED THEN INSERT (")
          .append(columns.stream().map(TableSql::quote).collect(Collectors.joining(", ")))
          .append(") VALUES (")
          .append(columns.stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", ")))
          .append(")");
    }
    return sql.toString();
  }

  @Override
  public String delete(String stage, String table, List<String> keys) {
    String on = keysMatch(qualified(table), keys);
    return "DELETE FROM " + qualified(table) + " USING " + qualified(stage) + " AS s WHERE " + on;
  }

  @Override
  public String clearStage(String stage) {
    return "TRUNCATE TABLE " + qualified(stage);
  }
}
