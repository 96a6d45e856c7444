package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.naming.Dialect;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What differs between the databases a JDBC warehouse runs on: how a name is stored and quoted,
 * the column types, and the text of every statement the warehouse runs. Statements are built here
 * and nowhere else, as plain strings (values always go in as parameters), so that each dialect's
 * SQL can be tested against expected statements without a database.
 *
 * <p>Every identifier goes through {@link #quote}: it is always double-quoted, with quotes inside
 * doubled, so a name that is a keyword or holds quotes, semicolons or newlines stays one name.
 */
interface SqlDialect extends Serializable {

  /** The {@code warehouse.type}: {@code postgres}, {@code snowflake}. */
  String type();

  /** Its reserved words and name length limit, as the loader's naming rules apply them. */
  Dialect naming();

  String driverClass();

  /** The schema holding staging tables; never listed as a namespace. */
  String STAGING = "_roundtrip_staging";

  /** The bookkeeping table of commit stamps. */
  String STAMPS = "commit_stamps";

  /** A warehouse name as the database stores it (Snowflake folds lower-case names to upper case). */
  String stored(String name);

  /** A name the database stores, as the warehouse names it. */
  String warehouseName(String stored);

  /** The longest identifier the database keeps whole, in bytes (PostgreSQL cuts longer ones silently). */
  int maxIdentifierBytes();

  /** The name, double-quoted; a name longer than the database allows is refused, never cut. */
  default String quote(String name) {
    String stored = stored(name);
    if (stored.isEmpty() || stored.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxIdentifierBytes()) {
      throw new IllegalArgumentException("Cannot use the name \"" + name + "\" on " + type() + ": names are 1 to "
          + maxIdentifierBytes() + " bytes long");
    }
    if (stored.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Cannot use a name holding a NUL character on " + type());
    }
    return "\"" + stored.replace("\"", "\"\"") + "\"";
  }

  default String table(TableId table) {
    return quote(table.namespace()) + "." + quote(table.name());
  }

  default String stage(String stage) {
    return quote(STAGING) + "." + quote(stage);
  }

  /** Whether text values may hold the NUL character (PostgreSQL's cannot: it is left out there). */
  boolean textHoldsNul();

  /** The column type for a Spark type. */
  String typeName(DataType type);

  /**
   * The Spark type of a column as the catalog describes it ({@link #columnsQuery}'s second and third
   * columns); empty for a type the warehouse reads as text.
   */
  Optional<DataType> sparkType(String catalogType, int precision, int scale);

  // --- catalog ---------------------------------------------------------------------------------

  /** Columns of one table in order (parameters: stored schema, stored table): name, type, precision, scale. */
  String columnsQuery();

  /** Tables of one schema (parameter: stored schema): name. */
  String tablesQuery();

  /** Schemas holding at least one table, staging and system schemas left out: name. */
  String schemasQuery();

  // --- DDL -------------------------------------------------------------------------------------

  default String createSchema(String namespace) {
    return "CREATE SCHEMA IF NOT EXISTS " + quote(namespace);
  }

  default String createTable(TableId table, StructType schema) {
    return "CREATE TABLE " + table(table) + " (" + columnDefinitions(schema) + ")";
  }

  default String columnDefinitions(StructType schema) {
    return java.util.Arrays.stream(schema.fields()).map(f -> quote(f.name()) + " " + typeName(f.dataType()))
        .collect(Collectors.joining(", "));
  }

  /** Columns added at the end, in one statement. */
  default String addColumns(TableId table, List<StructField> columns) {
    return "ALTER TABLE " + table(table) + " " + columns.stream()
        .map(f -> "ADD COLUMN IF NOT EXISTS " + quote(f.name()) + " " + typeName(f.dataType()))
        .collect(Collectors.joining(", "));
  }

  /**
   * Changes existing columns to the wider types {@code target} gives them, keeping every value;
   * {@code current} is the table's schema before.
   */
  List<String> widenColumns(TableId table, StructType current, StructType target, List<String> columns);

  /**
   * Indexes a table the loader appends to gets once its first rows are in: on {@code id} (the
   * not-yet-present check of every later commit) and {@code received_at} (the loader's dedup
   * window). Built after the first rows, in bulk, rather than row by row.
   */
  List<String> loaderIndexes(TableId table, StructType schema);

  // --- staging ---------------------------------------------------------------------------------

  /** How tasks fill staging tables. */
  enum Staging {
    /** PostgreSQL's COPY in binary format ({@link CopyStagedWriter}). */
    BINARY_COPY,
    /** Batched, parameterised INSERTs, which any JDBC database takes ({@link InsertStagedWriter}). */
    BATCH_INSERT
  }

  Staging staging();

  /** A table for one task's rows of one table: not logged or fail-safe, since a crash only loses garbage. */
  String createStage(String stage, StructType schema);

  default String dropStage(String stage) {
    return "DROP TABLE IF EXISTS " + stage(stage);
  }

  /** Staging tables (parameter: none): name. */
  String stagesQuery();

  /** The rows of several staging tables as one relation, columns in order. */
  default String stagedRows(List<String> stages, List<String> columns) {
    String list = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    return stages.stream().map(s -> "SELECT " + list + " FROM " + stage(s)).collect(Collectors.joining(" UNION ALL "));
  }

  // --- commits ---------------------------------------------------------------------------------

  /** The stamps table (once per warehouse). */
  default String createStamps() {
    return "CREATE TABLE IF NOT EXISTS " + table(stamps()) + " (" + quote("table_namespace") + " "
        + typeName(org.apache.spark.sql.types.DataTypes.StringType) + " NOT NULL, " + quote("table_name") + " "
        + typeName(org.apache.spark.sql.types.DataTypes.StringType) + " NOT NULL, " + quote("app_id") + " "
        + typeName(org.apache.spark.sql.types.DataTypes.StringType) + " NOT NULL, " + quote("version") + " "
        + typeName(org.apache.spark.sql.types.DataTypes.LongType) + " NOT NULL, " + quote("committed_at") + " "
        + typeName(org.apache.spark.sql.types.DataTypes.TimestampType) + " NOT NULL, PRIMARY KEY ("
        + quote("table_namespace") + ", " + quote("table_name") + ", " + quote("app_id") + "))";
  }

  default TableId stamps() {
    return io.roundtrip.warehouse.Bookkeeping.table(STAMPS);
  }

  /**
   * Records that a table took the work of (app id, version) (parameters: namespace, table, app id,
   * version; the names as the warehouse writes them, since here they are values); counts 0 rows when the table already has a stamp of
   * that app with this version or a later one (Delta's idempotent-writer rule), 1 otherwise.
   */
  String claimStamp();

  /** Forgets a table's stamps (parameters: namespace, table), when the table is created anew. */
  default String forgetStamps() {
    return "DELETE FROM " + table(stamps()) + " WHERE " + quote("table_namespace") + " = ? AND "
        + quote("table_name") + " = ?";
  }

  /**
   * Appends the staged rows to the table; with {@code newIdsOnly}, only rows whose {@code id} the
   * table does not have yet.
   */
  String insertStaged(TableId table, List<String> columns, List<String> stages, boolean newIdsOnly);

  /**
   * Applies merged rows (complete rows of the table, computed in Spark) from staging tables:
   * existing keys are updated, new keys inserted. The statements run in order in one transaction.
   */
  List<String> upsert(TableId table, List<String> columns, List<String> keys, List<String> stages);

  /**
   * Runs {@link #upsert}'s statements (in the caller's transaction) and says what they did. PostgreSQL
   * runs an UPDATE and then an INSERT, whose row counts are the answer.
   */
  default io.roundtrip.warehouse.MergeCounts runUpsert(java.sql.Connection connection, List<String> statements)
      throws java.sql.SQLException {
    long[] counts = new long[statements.size()];
    try (java.sql.Statement statement = connection.createStatement()) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = statement.executeLargeUpdate(statements.get(i));
      }
    }
    return new io.roundtrip.warehouse.MergeCounts(counts[counts.length - 1], counts.length > 1 ? counts[0] : 0);
  }

  /**
   * Replaces the table with the staged rows and the given columns, in one transaction.
   * {@code sameColumns}: the table exists with exactly these columns, so it can be emptied and kept
   * (with the views, grants and indexes that depend on it) rather than dropped.
   */
  List<String> overwrite(TableId table, StructType schema, List<String> stages, boolean sameColumns);
}
