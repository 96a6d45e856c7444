package io.roundtrip.warehouse.jdbc;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL a table destination (a sync into a PostgreSQL or Snowflake table) runs, per database:
 * implemented by the warehouse's own dialects ({@link JdbcWarehouses#tableSql}), so a database's
 * column types, name rules and statements are written in one place. Every statement that changes
 * the target reads from a stage holding the records ({@link #STAGE}, one session's, for a batch; a shared one for
 * a staged run, see {@link #createSharedStage}), so one statement applies them all. A stage has
 * the target's columns and one more, {@link #KEY}, holding each record's sync key, so the keys an
 * update did not find can be named.
 */
public interface TableSql {

  /** The session's stage, for one batch at a time. */
  String STAGE = "roundtrip_stage";

  /** The stage's column holding the sync key of each record. */
  String KEY = "__roundtrip_key";

  /** Column type -> the database's type for it: the warehouse's column types, and its JSON type. */
  String type(ColumnKind kind);

  /** The same DDL on every database we write: only the column types differ. */
  default String createTable(String table, Map<String, ColumnKind> columns, List<String> keys) {
    String definitions = columns.entrySet().stream()
        .map(c -> quote(c.getKey()) + " " + type(c.getValue()) + (keys.contains(c.getKey()) ? " NOT NULL" : ""))
        .collect(Collectors.joining(", "));
    return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (" + definitions + ", PRIMARY KEY ("
        + keys.stream().map(this::quote).collect(Collectors.joining(", ")) + "))";
  }

  /**
   * A table to be loaded first and keyed after ({@link #addPrimaryKey}): a bulk load builds the
   * key's index once, sorted, instead of row by row.
   */
  default String createUnkeyedTable(String table, Map<String, ColumnKind> columns) {
    return "CREATE TABLE " + qualified(table) + " (" + columns.entrySet().stream()
        .map(c -> quote(c.getKey()) + " " + type(c.getValue())).collect(Collectors.joining(", ")) + ")";
  }

  /** Adds the primary key, which checks that the keys are there and unique. */
  default String addPrimaryKey(String table, List<String> keys) {
    return "ALTER TABLE " + qualified(table) + " ADD PRIMARY KEY ("
        + keys.stream().map(this::quote).collect(Collectors.joining(", ")) + ")";
  }

  /** Gives a table another name in its schema. */
  default String rename(String table, String newName) {
    String[] parts = newName.split("\\.", 2);
    return "ALTER TABLE " + qualified(table) + " RENAME TO " + quote(parts[parts.length - 1]);
  }

  /** The session's stage ({@link #STAGE}), emptied at every commit. */
  String createSessionStage(String table);

  /**
   * A stage that every connection sees (the parallel writers of a staged run each have one), in
   * the target's schema, not logged where the database allows it: it is rebuilt on any failure.
   */
  String createSharedStage(String stage, String table);

  /** Drops a shared stage (or a new table loaded under a stage's name), if it is there. */
  String dropSharedStage(String stage);

  /** Applies the staged rows: insert new keys only, update existing keys only, or both. */
  String apply(String stage, String table, List<String> columns, List<String> keys, Mode mode, boolean nullOverwrites);

  /** Inserts every staged row: for a target that is empty under {@link #lockForApply}. */
  default String insertAll(String stage, String table, List<String> columns) {
    String list = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    return "INSERT INTO " + qualified(table) + " (" + list + ") SELECT " + list + " FROM " + qualified(stage);
  }

  /** The sync keys of the staged rows the target has no row for (what an update skips). */
  default String missingKeys(String stage, String table, List<String> keys) {
    return "SELECT s." + quote(KEY) + " FROM " + qualified(stage) + " AS s WHERE NOT EXISTS (SELECT 1 FROM "
        + qualified(table) + " AS t WHERE " + keysMatch("t", keys) + ")";
  }

  /** Deletes the target rows whose keys are staged. */
  String delete(String stage, String table, List<String> keys);

  String clearStage(String stage);

  /**
   * A statement that keeps other writers out of the table until the transaction ends, so that
   * "the table is empty" stays true while every staged row is inserted without a conflict check;
   * null where the database has none (the staged rows are then always merged).
   */
  default String lockForApply(String table) {
    return null;
  }

  enum Mode { INSERT, UPDATE, UPSERT }

  /** What a mapped value is, for creating a table. */
  enum ColumnKind { TEXT, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP, JSON }

  /**
   * A name as the warehouse quotes it on this database: double-quoted, quotes inside doubled, and on
   * Snowflake a lower-case name stored upper-case, so {@code crm.customers} is the table a user
   * queries as {@code crm.customers} without quotes there.
   */
  String quote(String identifier);

  /** A lower-case name as the database stores it (upper-case on Snowflake). */
  String stored(String name);

  /** A stored name (from the catalog) as the sync names it. */
  String warehouseName(String stored);

  /** How records get into a table or stage on this database: COPY on PostgreSQL, batched inserts elsewhere. */
  StageLoader stageLoader();

  /** {@code t."k1" = s."k1" AND ...}: a target row and the staged row with its key. */
  default String keysMatch(String target, List<String> keys) {
    return keys.stream().map(k -> target + "." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
  }

  /** {@code "schema"."table"} from {@code schema.table} or {@code table}. */
  default String qualified(String table) {
    String[] parts = table.split("\\.", 2);
    return parts.length == 2 ? quote(parts[0]) + "." + quote(parts[1]) : quote(table);
  }

  /** A table beside {@code table}: in its schema, when it names one. */
  static String beside(String table, String name) {
    String[] parts = table.split("\\.", 2);
    return parts.length == 2 ? parts[0] + "." + name : name;
  }
}
