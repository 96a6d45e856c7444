package io.roundtrip.reverseetl.destinations.table;

import static io.roundtrip.reverseetl.destinations.table.TableSql.keysMatch;
import static io.roundtrip.reverseetl.destinations.table.TableSql.qualified;
import static io.roundtrip.reverseetl.destinations.table.TableSql.quote;

import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: {@code INSERT ... ON CONFLICT} from a temporary staging table. */
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
  public String createStage(String table) {
    // Session-local and emptied at every commit, so a failed batch leaves nothing behind. Built
    // with AS rather than LIKE so it has the table's column types without its NOT NULL
    // constraints: a delete stages only the key.
    return "CREATE TEMP TABLE IF NOT EXISTS " + STAGE + " ON COMMIT DELETE ROWS AS SELECT * FROM "
        + qualified(table) + " WITH NO DATA";
  }

  @Override
  public String apply(String table, List<String> columns, List<String> keys, Mode mode, boolean nullOverwrites) {
    String list = columns.stream().map(TableSql::quote).collect(Collectors.joining(", "));
    String keyList = keys.stream().map(TableSql::quote).collect(Collectors.joining(", "));
    List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
    String target = qualified(table);
    if (mode == Mode.UPDATE) {
      String set = values.stream().map(c -> quote(c) + " = " + (nullOverwrites ? "s." + quote(c)
          : "COALESCE(s." + quote(c) + ", t." + quote(c) + ")")).collect(Collectors.joining(", "));
      String on = keysMatch("t", keys);
      return "UPDATE " + target + " AS t SET " + set + " FROM " + STAGE + " AS s WHERE " + on;
    }
    String insert = "INSERT INTO " + target + " AS t (" + list + ") SELECT " + list + " FROM " + STAGE
        + " ON CONFLICT (" + keyList + ") ";
    if (mode == Mode.INSERT || values.isEmpty()) {
      return insert + "DO NOTHING";
    }
    return insert + "DO UPDATE SET " + values.stream().map(c -> quote(c) + " = "
        + (nullOverwrites ? "EXCLUDED." + quote(c) : "COALESCE(EXCLUDED." + quote(c) + ", t." + quote(c) + ")"))
        .collect(Collectors.joining(", "));
  }

  @Override
  public String delete(String table, List<String> keys) {
    String on = keysMatch("t", keys);
    return "DELETE FROM " + qualified(table) + " AS t USING " + STAGE + " AS s WHERE " + on;
  }

  @Override
  public String clearStage() {
    return "TRUNCATE " + STAGE;
  }
}
