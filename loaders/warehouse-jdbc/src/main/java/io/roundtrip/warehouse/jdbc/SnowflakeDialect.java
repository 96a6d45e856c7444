package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.naming.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
final class SnowflakeDialect implements SqlDialect {

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
}
