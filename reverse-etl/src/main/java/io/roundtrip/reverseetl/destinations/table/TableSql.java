package io.roundtrip.reverseetl.destinations.table;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL a table destination runs, per database. Every statement reads from a staging table
 * holding the batch ({@link #STAGE}), so one statement applies a whole batch.
 */
public interface TableSql {

  /** The session's staging table. */
  String STAGE = "roundtrip_stage";

  /** Column type -> the database's type for it. */
  String type(ColumnKind kind);

  /** The same DDL on every database we write: only the column types differ. */
  default String createTable(String table, Map<String, ColumnKind> columns, List<String> keys) {
    String definitions = columns.entrySet().stream()
        .map(c -> quote(c.getKey()) + " " + type(c.getValue()) + (keys.contains(c.getKey()) ? " NOT NULL" : ""))
        .collect(Collectors.joining(", "));
    return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (" + definitions + ", PRIMARY KEY ("
        + keys.stream().map(TableSql::quote).collect(Collectors.joining(", ")) + "))";
  }

  String createStage(String table);

  /** Applies the staged rows: insert new keys only, update existing keys only, or both. */
  String apply(String table, List<String> columns, List<String> keys, Mode mode, boolean nullOverwrites);

  /** Deletes the target rows whose keys are staged. */
  String delete(String table, List<String> keys);

  String clearStage();

  enum Mode { INSERT, UPDATE, UPSERT }

  /** What a mapped value is, for creating a table. */
  enum ColumnKind { TEXT, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP, JSON }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** {@code t."k1" = s."k1" AND ...}: a target row and the staged row with its key. */
  static String keysMatch(String target, List<String> keys) {
    return keys.stream().map(k -> target + "." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
  }

  /** {@code "schema"."table"} from {@code schema.table} or {@code table}. */
  static String qualified(String table) {
    String[] parts = table.split("\\.", 2);
    return parts.length == 2 ? quote(parts[0]) + "." + quote(parts[1]) : quote(table);
  }
}
