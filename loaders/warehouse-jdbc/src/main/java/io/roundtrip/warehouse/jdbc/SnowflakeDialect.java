package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.SqlModelTarget.Kind;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.naming.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Snowflake: lower-case names are stored upper-case (what an unquoted name becomes there, so users
 * can query {@code web.tracks} without quotes); MERGE for the not-yet-present check and the
 * users/accounts upsert; staged rows in TRANSIENT tables filled by batched inserts, which the driver
 * turns into a stage upload and COPY INTO once a batch is large. DDL commits by itself in
 * Snowflake, so a table's creation is its own step before the transaction that adds rows and
 * stamp. Not run against a live account: see the module README.
 */
final class SnowflakeDialect implements SqlDialect, TableSql {

  static final SnowflakeDialect INSTANCE = new SnowflakeDialect();

  private SnowflakeDialect() {}

  @Override
  public String type() {
    return "snowflake";
  }

  @Override
  public Dialect naming() {
    return Dialect.SNOWFLAKE;
  }

  @Override
  public String driverClass() {
    return "net.snowflake.client.jdbc.SnowflakeDriver";
  }

  @Override
  public String sessionInit() {
    return "ALTER SESSION SET TIMEZONE = 'UTC'";
  }

  @Override
  public int maxIdentifierBytes() {
    return 255;
  }

  @Override
  public boolean textHoldsNul() {
    return true;
  }

  @Override
  public String stored(String name) {
    return name.equals(name.toLowerCase(Locale.ROOT)) ? name.toUpperCase(Locale.ROOT) : name;
  }

  @Override
  public String warehouseName(String stored) {
    return stored.equals(stored.toUpperCase(Locale.ROOT)) ? stored.toLowerCase(Locale.ROOT) : stored;
  }

  @Override
  public String typeName(DataType type) {
    if (type.equals(DataTypes.StringType) || type instanceof ArrayType) {
      return "VARCHAR"; // arrays as JSON text, as the loader stores them everywhere
    } else if (type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType)
        || type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType)) {
      return "NUMBER(38,0)";
    } else if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
      return "FLOAT";
    } else if (type.equals(DataTypes.BooleanType)) {
      return "BOOLEAN";
    } else if (type.equals(DataTypes.TimestampType)) {
      return "TIMESTAMP_TZ";
    } else if (type.equals(DataTypes.DateType)) {
      return "DATE";
    }
    throw new IllegalArgumentException("The snowflake warehouse cannot store " + type.sql().toLowerCase(Locale.ROOT)
        + " columns; cast them to string, bigint or double first");
  }

  @Override
  public Optional<DataType> sparkType(String dataType, int precision, int scale) {
    return Optional.ofNullable(switch (dataType.toUpperCase(Locale.ROOT)) {
      case "TEXT", "VARCHAR", "STRING", "CHAR", "CHARACTER" -> DataTypes.StringType;
      case "NUMBER", "DECIMAL", "NUMERIC" -> scale == 0 ? DataTypes.LongType
          : DataTypes.createDecimalType(Math.min(38, Math.max(precision, 1)), scale);
      case "FLOAT", "DOUBLE", "REAL" -> DataTypes.DoubleType;
      case "BOOLEAN" -> DataTypes.BooleanType;
      case "TIMESTAMP_TZ", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ" -> DataTypes.TimestampType;
      case "DATE" -> DataTypes.DateType;
      default -> null;
    });
  }

  @Override
  public String columnsQuery() {
    return "SELECT column_name, data_type, coalesce(numeric_precision, 0), coalesce(numeric_scale, 0)"
        + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
  }

  @Override
  public String tablesQuery() {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'";
  }

  @Override
  public String schemasQuery() {
    return "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
        + " AND table_schema NOT IN ('INFORMATION_SCHEMA', '" + stored(STAGING) + "')";
  }

  /** Snowflake names ADD COLUMN once, then the columns: {@code ADD COLUMN IF NOT EXISTS a t, b u}. */
  @Override
  public String addColumns(TableId table, List<StructField> columns) {
    return "ALTER TABLE " + table(table) + " ADD COLUMN IF NOT EXISTS " + columns.stream()
        .map(f -> quote(f.name()) + " " + typeName(f.dataType())).collect(Collectors.joining(", "));
  }

  /**
   * Snowflake changes a column's type in place only within one type (a longer VARCHAR, a wider
   * NUMBER), never NUMBER to FLOAT: the table is rewritten with the new types in one statement,
   * keeping its columns' order and its grants.
   */
  @Override
  public List<String> widenColumns(TableId table, StructType current, StructType target, List<String> columns) {
    String select = java.util.Arrays.stream(current.fields()).map(StructField::name).map(c -> columns.contains(c)
        ? "CAST(" + quote(c) + " AS " + typeName(target.apply(c).dataType()) + ") AS " + quote(c) : quote(c))
        .collect(Collectors.joining(", "));
    return List.of("CREATE OR REPLACE TABLE " + table(table) + " COPY GRANTS AS SELECT " + select + " FROM "
        + table(table));
  }

  @Override
  public List<String> loaderIndexes(TableId table, StructType schema) {
    return List.of(); // no indexes in Snowflake: its micro-partitions' min/max prune by received_at
  }

  @Override
  public Staging staging() {
    return Staging.BATCH_INSERT;
  }

  @Override
  public String createStage(String stage, StructType schema) {
    return "CREATE TRANSIENT TABLE " + stage(stage) + " (" + columnDefinitions(schema) + ")";
  }

  @Override
  public String stagesQuery() {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + stored(STAGING) + "'";
  }

  @Override
  public String claimStamp() {
    return "MERGE INTO " + table(stamps()) + " AS s USING (SELECT ? AS ns, ? AS tn, ? AS app, ? AS v) AS n ON s."
        + quote("table_namespace") + " = n.ns AND s." + quote("table_name") + " = n.tn AND s." + quote("app_id")
        + " = n.app WHEN MATCHED AND s." + quote("version") + " < n.v THEN UPDATE SET " + quote("version")
        + " = n.v, " + quote("committed_at") + " = CURRENT_TIMESTAMP() WHEN NOT MATCHED THEN INSERT ("
        + quote("table_namespace") + ", " + quote("table_name") + ", " + quote("app_id") + ", " + quote("version")
        + ", " + quote("committed_at") + ") VALUES (n.ns, n.tn, n.app, n.v, CURRENT_TIMESTAMP())";
  }

  @Override
  public String insertStaged(TableId table, List<String> columns, List<String> stages, boolean newIdsOnly) {
    String list = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    if (!newIdsOnly) {
      return "INSERT INTO " + table(table) + " (" + list + ") " + stagedRows(stages, columns);
    }
    return "MERGE INTO " + table(table) + " AS t USING (" + stagedRows(stages, columns) + ") AS s ON t." + quote("id")
        + " = s." + quote("id") + " WHEN NOT MATCHED THEN INSERT (" + list + ") VALUES ("
        + columns.stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", ")) + ")";
  }

  @Override
  public List<String> upsert(TableId table, List<String> columns, List<String> keys, List<String> stages) {
    String match = keys.stream().map(k -> "t." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
    List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
    StringBuilder sql = new StringBuilder("MERGE INTO " + table(table) + " AS t USING (" + stagedRows(stages, columns)
        + ") AS s ON " + match);
    if (!values.isEmpty()) {
      sql.append(" WHEN MATCHED THEN UPDATE SET ").append(values.stream().map(c -> "t." + quote(c) + " = s." + quote(c))
          .collect(Collectors.joining(", ")));
    }
    sql.append(" WHEN NOT MATCHED THEN INSERT (").append(columns.stream().map(this::quote)
        .collect(Collectors.joining(", "))).append(") VALUES (")
        .append(columns.stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "))).append(")");
    return List.of(sql.toString());
  }

  /** A MERGE answers with one row: the numbers of rows inserted and updated. */
  @Override
  public MergeCounts runUpsert(Connection connection, List<String> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(statements.get(0));
      try (ResultSet result = statement.getResultSet()) {
        if (result == null || !result.next()) {
          throw new SQLException("Snowflake's MERGE returned no counts");
        }
        long inserted = result.getLong("number of rows inserted");
        long updated = statements.get(0).contains("WHEN MATCHED") ? result.getLong("number of rows updated") : 0;
        return new MergeCounts(inserted, updated);
      }
    }
  }

  @Override
  public List<String> overwrite(TableId table, StructType schema, List<String> stages, boolean sameColumns) {
    // one statement, so readers see the old table or the new one (DDL commits by itself); views
    // on it resolve by name at query time, and its grants are kept
    String create = "CREATE OR REPLACE TABLE " + table(table) + " (" + columnDefinitions(schema) + ") COPY GRANTS";
    return List.of(stages.isEmpty() ? create : create + " AS " + stagedRows(stages, List.of(schema.fieldNames())));
  }

  // --- SQL models: dbt-snowflake's materializations (not run against a live account) ------------

  @Override
  public String declaredColumnsQuery() {
    return "SELECT column_name, CASE WHEN data_type = 'NUMBER' THEN 'NUMBER(' || numeric_precision || ','"
        + " || numeric_scale || ')' ELSE data_type END FROM information_schema.columns"
        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
  }

  @Override
  public boolean viewReplaceKeepsColumns() {
    return false; // a view's columns are whatever its new SELECT gives
  }

  @Override
  public Optional<String> dependentViewsQuery() {
    return Optional.empty(); // Snowflake's views resolve names when queried
  }

  @Override
  public String dropRelation(TableId relation, Kind kind) {
    return "DROP " + (kind == Kind.VIEW ? "VIEW" : "TABLE") + " IF EXISTS "
        + table(relation);
  }

  /**
   * dbt-snowflake's table materialization: one {@code CREATE OR REPLACE TABLE ... COPY GRANTS AS},
   * atomic by itself (DDL commits on its own in Snowflake); a view of the name is dropped first.
   */
  @Override
  public List<String> replaceTable(TableId table, TableId scratch, String select,
      Optional<Kind> existing) {
    List<String> statements = new ArrayList<>();
    if (existing.equals(Optional.of(Kind.VIEW))) {
      statements.add(dropRelation(table, Kind.VIEW));
    }
    statements.add("CREATE OR REPLACE TABLE " + table(table) + " COPY GRANTS AS " + SqlDialect.body(select));
    return statements;
  }

  @Override
  public List<String> swapIn(TableId scratch, TableId table, Optional<Kind> existing) {
    List<String> statements = new ArrayList<>(replaceTable(table, scratch, "SELECT * FROM " + table(scratch), existing));
    statements.add("DROP TABLE IF EXISTS " + table(scratch));
    return statements;
  }

  @Override
  public String createStageAs(String stage, String select) {
    return "CREATE TRANSIENT TABLE " + stage(stage) + " AS " + SqlDialect.body(select);
  }

  /**
   * Snowflake changes a column's type in place only within its type (a longer VARCHAR): a retyped
   * column is rebuilt as dbt's {@code alter_column_type} does (a new column, the values cast into
   * it, the old one dropped, the new one renamed).
   */
  @Override
  public List<String> alterColumns(TableId table, List<Declared> added, List<String> removed, List<Declared> retyped) {
    List<String> statements = new ArrayList<>();
    String alter = "ALTER TABLE " + table(table);
    if (!added.isEmpty()) {
      statements.add(alter + " ADD COLUMN " + added.stream().map(c -> quote(c.name()) + " " + c.type())
          .collect(Collectors.joining(", ")));
    }
    if (!removed.isEmpty()) {
      statements.add(alter + " DROP COLUMN " + removed.stream().map(this::quote).collect(Collectors.joining(", ")));
    }
    for (Declared column : retyped) {
      String temporary = column.name() + "__rt_alter";
      statements.add(alter + " ADD COLUMN " + quote(temporary) + " " + column.type());
      statements.add("UPDATE " + table(table) + " SET " + quote(temporary) + " = CAST(" + quote(column.name()) + " AS "
          + column.type() + ")");
      statements.add(alter + " DROP COLUMN " + quote(column.name()));
      statements.add(alter + " RENAME COLUMN " + quote(temporary) + " TO " + quote(column.name()));
    }
    return statements;
  }

  // --- table destinations (TableSql): a sync into a table of this database -----------------------

  /** The warehouse's quoting, which the table destinations share. */
  @Override
  public String quote(String name) {
    return SqlDialect.super.quote(name);
  }

  @Override
  public StageLoader stageLoader() {
    return new BatchInsertLoader(this);
  }

  @Override
  public String type(ColumnKind kind) {
    return switch (kind) {
      case TEXT -> typeName(DataTypes.StringType);
      case BIGINT -> typeName(DataTypes.LongType);
      case DOUBLE -> typeName(DataTypes.DoubleType);
      case BOOLEAN -> typeName(DataTypes.BooleanType);
      case TIMESTAMP -> typeName(DataTypes.TimestampType);
      case JSON -> "VARIANT"; // the destination keeps JSON typed; the warehouse keeps it as text, as the loader does
    };
  }

  @Override
  public String createSessionStage(String table) {
    // AS rather than LIKE: the column types without NOT NULL constraints (a delete stages only the key)
    return "CREATE TEMPORARY TABLE IF NOT EXISTS " + qualified(TableSql.STAGE) + " AS " + stageColumns(table) + " LIMIT 0";
  }

  @Override
  public String createSharedStage(String stage, String table) {
    // transient: no fail-safe storage for a table that lives for one run
    return "CREATE TRANSIENT TABLE " + qualified(stage) + " AS " + stageColumns(table) + " LIMIT 0";
  }

  private String stageColumns(String table) {
    return "SELECT CAST(NULL AS VARCHAR) AS " + quote(TableSql.KEY) + ", t.* FROM " + qualified(table) + " AS t";
  }

  @Override
  public String rename(String table, String newName) {
    // unqualified, RENAME TO would move the table into the session's current schema
    return "ALTER TABLE " + qualified(table) + " RENAME TO " + qualified(newName);
  }

  @Override
  public String dropSharedStage(String stage) {
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
          .append(columns.stream().map(this::quote).collect(Collectors.joining(", ")))
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
