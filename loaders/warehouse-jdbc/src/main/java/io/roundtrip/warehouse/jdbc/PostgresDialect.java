package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.naming.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * PostgreSQL: names as they are (the loader's are lower-case already), 63 bytes at most; staged rows
 * in UNLOGGED tables filled by binary COPY; transactional DDL, so a table's creation, its rows and
 * its stamp commit together.
 */
final class PostgresDialect implements SqlDialect {

  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {}

  @Override
  public String type() {
    return "postgres";
  }

  @Override
  public Dialect naming() {
    return Dialect.POSTGRES;
  }

  @Override
  public String driverClass() {
    return "org.postgresql.Driver";
  }

  @Override
  public int maxIdentifierBytes() {
    return 63;
  }

  @Override
  public boolean textHoldsNul() {
    return false;
  }

  @Override
  public String stored(String name) {
    return name;
  }

  @Override
  public String warehouseName(String stored) {
    return stored;
  }

  @Override
  public String typeName(DataType type) {
    if (type instanceof ArrayType array && BinaryCopy.supportsElement(array.elementType())) {
      return typeName(array.elementType()) + "[]";
    }
    if (type.equals(DataTypes.StringType)) {
      return "text";
    } else if (type.equals(DataTypes.LongType)) {
      return "bigint";
    } else if (type.equals(DataTypes.IntegerType)) {
      return "integer";
    } else if (type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType)) {
      return "smallint";
    } else if (type.equals(DataTypes.DoubleType)) {
      return "double precision";
    } else if (type.equals(DataTypes.FloatType)) {
      return "real";
    } else if (type.equals(DataTypes.BooleanType)) {
      return "boolean";
    } else if (type.equals(DataTypes.TimestampType)) {
      return "timestamptz";
    } else if (type.equals(DataTypes.DateType)) {
      return "date";
    }
    throw new IllegalArgumentException("The postgres warehouse cannot store " + type.sql().toLowerCase(java.util.Locale.ROOT)
        + " columns; cast them to string, bigint or double first");
  }

  @Override
  public Optional<DataType> sparkType(String udtName, int precision, int scale) {
    if (udtName.startsWith("_")) {
      return sparkType(udtName.substring(1), precision, scale).map(e -> DataTypes.createArrayType(e, true));
    }
    return Optional.ofNullable(switch (udtName) {
      case "text", "varchar", "bpchar", "name" -> DataTypes.StringType;
      case "int8" -> DataTypes.LongType;
      case "int4" -> DataTypes.IntegerType;
      case "int2" -> DataTypes.ShortType;
      case "float8" -> DataTypes.DoubleType;
      case "float4" -> DataTypes.FloatType;
      case "bool" -> DataTypes.BooleanType;
      case "timestamptz", "timestamp" -> DataTypes.TimestampType;
      case "date" -> DataTypes.DateType;
      case "numeric" -> precision > 0 && precision <= 38 ? DataTypes.createDecimalType(precision, scale)
          : DataTypes.createDecimalType(38, 18);
      default -> null;
    });
  }

  @Override
  public String columnsQuery() {
    return "SELECT column_name, udt_name, coalesce(numeric_precision, 0), coalesce(numeric_scale, 0)"
        + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
  }

  @Override
  public String tablesQuery() {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'";
  }

  @Override
  public String schemasQuery() {
    return "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
        + " AND table_schema NOT IN ('pg_catalog', 'information_schema', '" + STAGING + "')"
        + " AND table_schema NOT LIKE 'pg\\_%'";
  }

  @Override
  public List<String> widenColumns(TableId table, StructType current, StructType target, List<String> columns) {
    // in place: PostgreSQL rewrites the table under the ALTER, inside the caller's transaction
    return List.of("ALTER TABLE " + table(table) + " " + columns.stream().map(c -> {
      String type = typeName(target.apply(c).dataType());
      return "ALTER COLUMN " + quote(c) + " TYPE " + type + " USING " + quote(c) + "::" + type;
    }).collect(Collectors.joining(", ")));
  }

  @Override
  public List<String> loaderIndexes(TableId table, StructType schema) {
    List<String> indexes = new ArrayList<>();
    for (String column : List.of("id", "received_at")) {
      if (List.of(schema.fieldNames()).contains(column)) {
        indexes.add("CREATE INDEX ON " + table(table) + " (" + quote(column) + ")");
      }
    }
    return indexes;
  }

  @Override
  public Staging staging() {
    return Staging.BINARY_COPY;
  }

  @Override
  public String createStage(String stage, StructType schema) {
    return "CREATE UNLOGGED TABLE " + stage(stage) + " (" + columnDefinitions(schema) + ")";
  }

  @Override
  public String stagesQuery() {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + STAGING + "'";
  }

  @Override
  public String claimStamp() {
    // the row lock of the upsert also keeps two commits of one stamp from both going ahead
    return "INSERT INTO " + table(stamps()) + " AS s (" + quote("table_namespace") + ", " + quote("table_name")
        + ", " + quote("app_id") + ", " + quote("version") + ", " + quote("committed_at")
        + ") VALUES (?, ?, ?, ?, now()) ON CONFLICT (" + quote("table_namespace") + ", " + quote("table_name") + ", "
        + quote("app_id") + ") DO UPDATE SET " + quote("version") + " = EXCLUDED." + quote("version") + ", "
        + quote("committed_at") + " = EXCLUDED." + quote("committed_at") + " WHERE s." + quote("version")
        + " < EXCLUDED." + quote("version");
  }

  @Override
  public String insertStaged(TableId table, List<String> columns, List<String> stages, boolean newIdsOnly) {
    String list = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    String insert = "INSERT INTO " + table(table) + " (" + list + ") ";
    if (!newIdsOnly) {
      return insert + stagedRows(stages, columns);
    }
    return insert + "SELECT " + list + " FROM (" + stagedRows(stages, columns) + ") AS s WHERE NOT EXISTS (SELECT 1 FROM "
        + table(table) + " AS t WHERE t." + quote("id") + " = s." + quote("id") + ")";
  }

  @Override
  public List<String> upsert(TableId table, List<String> columns, List<String> keys, List<String> stages) {
    String list = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    String source = "(" + stagedRows(stages, columns) + ") AS s";
    String match = keys.stream().map(k -> "t." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
    List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
    List<String> statements = new ArrayList<>();
    if (!values.isEmpty()) {
      // first, so that the rows the INSERT adds are not counted (or touched) as updates
      statements.add("UPDATE " + table(table) + " AS t SET " + values.stream().map(c -> quote(c) + " = s." + quote(c))
          .collect(Collectors.joining(", ")) + " FROM " + source + " WHERE " + match);
    }
    statements.add("INSERT INTO " + table(table) + " (" + list + ") SELECT " + list + " FROM " + source
        + " WHERE NOT EXISTS (SELECT 1 FROM " + table(table) + " AS t WHERE " + match + ")");
    return statements;
  }

  @Override
  public List<String> overwrite(TableId table, StructType schema, List<String> stages, boolean sameColumns) {
    List<String> statements = new ArrayList<>();
    if (sameColumns) {
      // a SQL model's view on the table would make DROP fail; TRUNCATE is transactional here
      statements.add("TRUNCATE " + table(table));
    } else {
      statements.add("DROP TABLE IF EXISTS " + table(table));
      statements.add(createTable(table, schema));
    }
    if (!stages.isEmpty()) {
      List<String> columns = List.of(schema.fieldNames());
      statements.add(insertStaged(table, columns, stages, false));
    }
    return statements;
  }
}
