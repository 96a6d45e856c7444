package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.SqlModelTarget.Kind;
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
final class PostgresDialect implements SqlDialect, TableSql {

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
  public String sessionInit() {
    return "SET TIME ZONE 'UTC'";
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

  // --- SQL models: dbt-postgres' materializations, each model's change in one transaction --------

  @Override
  public String declaredColumnsQuery() {
    // format_type gives the type as DDL writes it (numeric(12,2), text[], timestamp with time zone)
    return "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a"
        + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
  }

  @Override
  public boolean viewReplaceKeepsColumns() {
    return true;
  }

  /** 42P16 (invalid_table_definition): "cannot drop columns from view", "cannot change name of view column", ... */
  @Override
  public boolean isViewColumnChange(java.sql.SQLException e) {
    return "42P16".equals(e.getSQLState());
  }

  /**
   * PostgreSQL binds a view to the table's object, not its name, so dropping the table drops its
   * views (CASCADE): they are read here first, deepest last, to be created again on the new table.
   */
  @Override
  public Optional<String> dependentViewsQuery() {
    return Optional.of("WITH RECURSIVE deps(oid, depth) AS ("
        + " SELECT r.ev_class, 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid"
        + " WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refobjid = ?::regclass AND r.ev_class <> d.refobjid"
        + " UNION SELECT r.ev_class, deps.depth + 1 FROM deps JOIN pg_catalog.pg_depend d ON d.refobjid = deps.oid"
        + " JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid"
        + " WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND r.ev_class <> d.refobjid)"
        + " SELECT n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid) FROM deps"
        + " JOIN pg_catalog.pg_class c ON c.oid = deps.oid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE c.relkind = 'v' GROUP BY n.nspname, c.relname, c.oid ORDER BY max(deps.depth), n.nspname, c.relname");
  }

  /** CASCADE, as dbt-postgres drops: views that read the relation go with it, and are made again after. */
  @Override
  public String dropRelation(TableId relation, Kind kind) {
    return "DROP " + (kind == Kind.VIEW ? "VIEW" : "TABLE") + " IF EXISTS "
        + table(relation) + " CASCADE";
  }

  /**
   * dbt-postgres' table materialization in one transaction: the new table made beside the old one,
   * the old one dropped, the new one renamed into its place (PostgreSQL's DDL is transactional, so
   * readers see the old table until the commit).
   */
  @Override
  public List<String> replaceTable(TableId table, TableId scratch, String select,
      Optional<Kind> existing) {
    List<String> statements = new ArrayList<>();
    statements.add("DROP TABLE IF EXISTS " + table(scratch));
    statements.add("CREATE TABLE " + table(scratch) + " AS " + SqlDialect.body(select));
    statements.addAll(swapIn(scratch, table, existing));
    return statements;
  }

  @Override
  public List<String> swapIn(TableId scratch, TableId table, Optional<Kind> existing) {
    List<String> statements = new ArrayList<>();
    existing.ifPresent(kind -> statements.add(dropRelation(table, kind)));
    statements.add("ALTER TABLE " + table(scratch) + " RENAME TO " + quote(table.name()));
    return statements;
  }

  @Override
  public String createStageAs(String stage, String select) {
    return "CREATE UNLOGGED TABLE " + stage(stage) + " AS " + SqlDialect.body(select);
  }

  @Override
  public List<String> alterColumns(TableId table, List<Declared> added, List<String> removed, List<Declared> retyped) {
    List<String> actions = new ArrayList<>();
    added.forEach(c -> actions.add("ADD COLUMN " + quote(c.name()) + " " + c.type()));
    removed.forEach(c -> actions.add("DROP COLUMN " + quote(c)));
    retyped.forEach(c -> actions.add("ALTER COLUMN " + quote(c.name()) + " TYPE " + c.type() + " USING " + quote(c.name())
        + "::" + c.type()));
    return actions.isEmpty() ? List.of() : List.of("ALTER TABLE " + table(table) + " " + String.join(", ", actions));
  }

  // --- table destinations (TableSql): a sync into a table of this database -----------------------

  /** The warehouse's quoting, which the table destinations share. */
  @Override
  public String quote(String name) {
    return SqlDialect.super.quote(name);
  }

  @Override
  public StageLoader stageLoader() {
    return new CsvCopyLoader(this);
  }

  @Override
  public String type(ColumnKind kind) {
    return switch (kind) {
      case TEXT -> typeName(DataTypes.StringType);
      case BIGINT -> typeName(DataTypes.LongType);
      case DOUBLE -> typeName(DataTypes.DoubleType);
      case BOOLEAN -> typeName(DataTypes.BooleanType);
      case TIMESTAMP -> typeName(DataTypes.TimestampType);
      case JSON -> "jsonb"; // the destination keeps JSON typed; the warehouse keeps it as text, as the loader does
    };
  }

  @Override
  public String createSessionStage(String table) {
    // Session-local and emptied at every commit, so a failed batch leaves nothing behind. Built
    // with AS rather than LIKE so it has the table's column types without its NOT NULL
    // constraints: a delete stages only the key.
    return "CREATE TEMP TABLE IF NOT EXISTS " + qualified(TableSql.STAGE) + " ON COMMIT DELETE ROWS AS " + stageColumns(table)
        + " WITH NO DATA";
  }

  @Override
  public String createSharedStage(String stage, String table) {
    // unlogged: written once, read once, rebuilt on any failure; the WAL would double the writes
    return "CREATE UNLOGGED TABLE " + qualified(stage) + " AS " + stageColumns(table) + " WITH NO DATA";
  }

  private String stageColumns(String table) {
    return "SELECT NULL::text AS " + quote(TableSql.KEY) + ", t.* FROM " + qualified(table) + " AS t";
  }

  @Override
  public String dropSharedStage(String stage) {
    return "DROP TABLE IF EXISTS " + qualified(stage);
  }

  @Override
  public String apply(String stage, String table, List<String> columns, List<String> keys, Mode mode,
      boolean nullOverwrites) {
    String list = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    String keyList = keys.stream().map(this::quote).collect(Collectors.joining(", "));
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
