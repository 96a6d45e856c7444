package io.roundtrip.warehouse.jdbc;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_json;

import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.NativeSql;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.SqlModelTarget;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.StagedWriters;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Tables in a database reached over JDBC: namespaces are schemas, tables are tables, and every
 * change is SQL in the {@link SqlDialect}. Rows go in the way the loader's do everywhere: tasks
 * stage them in staging tables of their own ({@link JdbcStagedWriters}), then one transaction per
 * table moves them into the table, with the commit's stamp recorded in {@code _roundtrip.commit_stamps}
 * in the same transaction, so that a resumed load recognises the tables it committed.
 */
final class JdbcWarehouse implements Warehouse, StagedAppends, NativeSql {

  private final SparkSession spark;
  private final Connector connector;
  private final SqlDialect dialect;
  private final SqlDialect.Staging staging;
  private final Catalog catalog;
  private final SparkReads reads;
  private final JdbcSqlModelTarget models;
  private volatile boolean stampsReady;
  private volatile boolean stagingReady;

  JdbcWarehouse(SparkSession spark, Connector connector, SqlDialect.Staging staging) {
    this.spark = spark;
    this.connector = connector;
    this.dialect = connector.dialect();
    this.staging = staging;
    this.catalog = new Catalog(dialect);
    this.reads = new SparkReads(spark, connector);
    this.models = new JdbcSqlModelTarget(this);
  }

  @Override
  public String type() {
    return dialect.type();
  }

  @Override
  public String dialect() {
    return dialect.type();
  }

  @Override
  public String toString() {
    return "the " + connector + " warehouse";
  }

  // --- reading ---------------------------------------------------------------------------------

  @Override
  public Optional<StructType> schema(TableId table) {
    return connected(c -> catalog.columns(c, table)).map(Catalog::schema);
  }

  private List<Catalog.Column> columns(TableId table) {
    return connected(c -> catalog.columns(c, table))
        .orElseThrow(() -> new IllegalArgumentException("No such table: " + table));
  }

  @Override
  public Dataset<Row> read(TableId table) {
    return reads.read(dialect.table(table), columns(table));
  }

  @Override
  public List<TableId> tables(String namespace) {
    return connected(c -> catalog.tables(c, namespace));
  }

  @Override
  public List<String> namespaces() {
    return connected(catalog::namespaces);
  }

  @Override
  public Dataset<Row> query(String sql) {
    return reads.query(sql);
  }

  /** SQL models run as this database's SQL ({@link JdbcSqlModelTarget}). */
  @Override
  public <T> Optional<T> ability(Class<T> ability) {
    if (ability == SqlModelTarget.class) {
      return Optional.of(ability.cast(models));
    }
    return Warehouse.super.ability(ability);
  }

  SqlDialect sqlDialect() {
    return dialect;
  }

  Catalog catalog() {
    return catalog;
  }

  // --- schema ----------------------------------------------------------------------------------

  @Override
  public SchemaChange updateSchema(TableId table) {
    return new JdbcSchemaChange(table, schema(table).orElse(null), new JdbcSchemaChange.Ddl() {
      @Override
      public void create(TableId id, StructType schema) {
        ensureSchema(id.namespace());
        transaction(c -> execute(c, dialect.createTable(id, schema)));
      }

      @Override
      public void alter(TableId id, StructType current, List<StructField> added, StructType target,
          List<String> widened) {
        transaction(c -> {
          if (!added.isEmpty()) {
            execute(c, dialect.addColumns(id, added));
          }
          if (!widened.isEmpty()) {
            StructType afterAdds = current;
            for (StructField field : added) {
              afterAdds = afterAdds.add(field);
            }
            for (String statement : dialect.widenColumns(id, afterAdds, target, widened)) {
              execute(c, statement);
            }
          }
          return null;
        });
      }
    });
  }

  // --- writing ---------------------------------------------------------------------------------

  @Override
  public long write(TableId table, Dataset<Row> rows, WriteMode mode) {
    Dataset<Row> storable = storable(rows);
    if (mode instanceof WriteMode.ReplaceWhere replace) {
      return replaceWhere(table, storable, replace.condition());
    }
    if (mode instanceof WriteMode.ReplaceKeys replace) {
      // like replaceWhere: the kept rows read in Spark, the table overwritten with them and the new
      Dataset<Row> all = schema(table).isEmpty() ? storable : replace.kept(read(table)).unionByName(storable, true);
      overwrite(table, storable(all));
      return rows.count();
    }
    StructType schema = storable.schema();
    for (StructField field : schema.fields()) {
      dialect.typeName(field.dataType()); // refuses a type it cannot store before any work
    }
    if (mode instanceof WriteMode.Overwrite) {
      return overwrite(table, storable);
    }
    Optional<StructType> current = schema(table);
    current.ifPresent(existing -> requireAppendable(table, existing, schema));
    List<StagedFile> staged = stage(table, storable);
    try {
      ensureSchema(table.namespace());
      return transaction(c -> {
        if (current.isEmpty()) {
          execute(c, dialect.createTable(table, schema));
        } else {
          List<StructField> missing = new ArrayList<>();
          for (StructField field : schema.fields()) {
            if (current.get().getFieldIndex(field.name()).isEmpty()) {
              missing.add(field);
            }
          }
          if (!missing.isEmpty()) {
            execute(c, dialect.addColumns(table, missing));
          }
        }
        return insert(c, table, List.of(schema.fieldNames()), staged, false);
      });
    } finally {
      dropStages(staged);
    }
  }

  private long overwrite(TableId table, Dataset<Row> rows) {
    List<StagedFile> staged = stage(table, rows);
    try {
      ensureSchema(table.namespace());
      return transaction(c -> {
        Optional<StructType> current = catalog.columns(c, table).map(Catalog::schema);
        boolean same = current.isPresent() && sameColumns(current.get(), rows.schema());
        for (String sql : dialect.overwrite(table, rows.schema(), names(staged), same)) {
          execute(c, sql);
        }
        return staged.stream().mapToLong(StagedFile::rows).sum();
      });
    } finally {
      dropStages(staged);
    }
  }

  private static boolean sameColumns(StructType a, StructType b) {
    if (a.fields().length != b.fields().length) {
      return false;
    }
    for (int i = 0; i < a.fields().length; i++) {
      if (!a.fields()[i].name().equals(b.fields()[i].name()) || !a.fields()[i].dataType().equals(b.fields()[i].dataType())) {
        return false;
      }
    }
    return true;
  }

  /**
   * An existing column takes the rows' values only when its type holds them as they are (a bigint
   * column takes integers, a double one floats): the database would otherwise cast on insert, and
   * a double into a bigint column would be rounded without a word.
   */
  private static void requireAppendable(TableId table, StructType current, StructType rows) {
    for (StructField field : rows.fields()) {
      var index = current.getFieldIndex(field.name());
      if (index.isEmpty()) {
        continue;
      }
      DataType existing = current.fields()[(int) index.get()].dataType();
      DataType incoming = field.dataType();
      boolean fits = existing.equals(incoming)
          || existing.equals(DataTypes.LongType) && (incoming.equals(DataTypes.IntegerType)
              || incoming.equals(DataTypes.ShortType) || incoming.equals(DataTypes.ByteType))
          || existing.equals(DataTypes.DoubleType) && incoming.equals(DataTypes.FloatType);
      if (!fits) {
        throw new IllegalArgumentException("Cannot append to " + table + ": column " + field.name() + " is "
            + existing.sql().toLowerCase(java.util.Locale.ROOT) + " there and " + incoming.sql().toLowerCase(java.util.Locale.ROOT)
            + " in the new rows");
      }
    }
  }

  /**
   * Delta's replaceWhere, without a translation of the condition: the rows the condition does not
   * hold for are kept (read in Spark), the given rows join them, and the table is overwritten with
   * both in one transaction. Costs a read and a rewrite of the table; nothing in Roundtrip uses it
   * on a hot path.
   */
  private long replaceWhere(TableId table, Dataset<Row> rows, String condition) {
    long outside = rows.where(not(coalesce(expr(condition), lit(false)))).count();
    if (outside > 0) {
      throw new IllegalArgumentException("Cannot replace the rows of " + table + " where " + condition + ": "
          + outside + " of the new rows do not match it");
    }
    Optional<StructType> current = schema(table);
    Dataset<Row> all = current.isEmpty() ? rows
        : read(table).where(not(coalesce(expr(condition), lit(false)))).unionByName(rows, true);
    overwrite(table, storable(all));
    return rows.count();
  }

  @Override
  public MergeCounts merge(TableId table, Dataset<Row> rows, MergeSpec spec) {
    List<Catalog.Column> columns = columns(table);
    StructType schema = Catalog.schema(columns);
    Dataset<Row> merged = MergePlan.rows(table, schema, reads.read(dialect.table(table), columns), rows, spec);
    List<StagedFile> staged = stage(table, storable(merged));
    try {
      if (staged.isEmpty()) {
        return new MergeCounts(0, 0);
      }
      List<String> statements = dialect.upsert(table, List.of(schema.fieldNames()), spec.keys(), names(staged));
      return transaction(c -> dialect.runUpsert(c, statements));
    } finally {
      dropStages(staged);
    }
  }

  /**
   * Columns as the database can take them: maps, structs and arrays of those become JSON text (as
   * the loader keeps nested values), an untyped null column becomes text.
   */
  private Dataset<Row> storable(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    boolean changed = false;
    for (StructField field : rows.schema().fields()) {
      Column column = col("`" + field.name().replace("`", "``") + "`");
      DataType type = field.dataType();
      if (type instanceof MapType || type instanceof StructType
          || type instanceof ArrayType array && !BinaryCopy.supportsElement(array.elementType())) {
        column = to_json(column);
        changed = true;
      } else if (type instanceof NullType) {
        column = column.cast(DataTypes.StringType);
        changed = true;
      }
      columns.add(column.as(field.name()));
    }
    return changed ? rows.select(columns.toArray(Column[]::new)) : rows;
  }

  /** Stages the rows from Spark's tasks, one staging table per non-empty partition. */
  private List<StagedFile> stage(TableId table, Dataset<Row> rows) {
    ensureStaging();
    StagedWriters writers = new JdbcStagedWriters(connector, staging);
    return rows.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new StageRows(writers, table, rows.schema())).collect();
  }

  /** A partition's rows into one staged writer; static, so tasks carry only what it holds. */
  private record StageRows(StagedWriters writers, TableId table, StructType schema)
      implements FlatMapFunction<Iterator<InternalRow>, StagedFile>, Serializable {
    @Override
    public Iterator<StagedFile> call(Iterator<InternalRow> rows) {
      if (!rows.hasNext()) {
        return java.util.Collections.emptyIterator();
      }
      StagedWriter writer = writers.open(table, schema, TaskContext.getPartitionId());
      try {
        while (rows.hasNext()) {
          writer.write(rows.next());
        }
        return List.of(writer.finish()).iterator();
      } catch (RuntimeException | Error e) {
        writer.abort();
        throw e;
      }
    }
  }

  // --- staged appends --------------------------------------------------------------------------

  @Override
  public StagedWriters writers(String stageId) {
    ensureStaging();
    return new JdbcStagedWriters(connector, staging);
  }

  /**
   * One transaction: the table (created with {@code schema} when new), the stamp, and the staged
   * rows whose {@code id} the table does not have yet (all of them for a table without {@code id},
   * such as the bookkeeping tables, and for a new one).
   */
  @Override
  public CommitOutcome commit(TableId table, StructType schema, List<StagedFile> files, CommitStamp stamp) {
    if (stamp != null) {
      ensureStamps();
    }
    ensureSchema(table.namespace());
    return transaction(c -> {
      Optional<List<Catalog.Column>> existing = catalog.columns(c, table);
      boolean created = existing.isEmpty();
      if (created) {
        execute(c, dialect.createTable(table, schema));
      } else {
        requireColumns(table, Catalog.schema(existing.get()), schema);
      }
      if (stamp != null) {
        if (created) {
          update(c, dialect.forgetStamps(), table.namespace(), table.name());
        }
        if (update(c, dialect.claimStamp(), table.namespace(), table.name(), stamp.appId(), stamp.version()) == 0) {
          c.rollback();
          return new CommitOutcome(0, true);
        }
      }
      boolean byId = !created && schema.getFieldIndex("id").isDefined();
      long rows = insert(c, table, List.of(schema.fieldNames()), files, byId);
      if (created) {
        for (String index : dialect.loaderIndexes(table, schema)) {
          execute(c, index);
        }
      }
      return new CommitOutcome(rows, false);
    });
  }

  /** Columns are matched by name: a JDBC table may hold them in another order (and more of them). */
  private static void requireColumns(TableId table, StructType actual, StructType expected) {
    for (StructField field : expected.fields()) {
      var index = actual.getFieldIndex(field.name());
      if (index.isEmpty() || !actual.fields()[(int) index.get()].dataType().equals(field.dataType())) {
        throw new IllegalStateException("Table " + table + " has schema " + actual.simpleString() + ", not the "
            + expected.simpleString() + " its new rows were staged with; was it changed meanwhile?");
      }
    }
  }

  private long insert(Connection c, TableId table, List<String> columns, List<StagedFile> files, boolean newIdsOnly)
      throws SQLException {
    if (files.isEmpty()) {
      return 0;
    }
    try (Statement statement = c.createStatement()) {
      return statement.executeLargeUpdate(dialect.insertStaged(table, columns, names(files), newIdsOnly));
    }
  }

  @Override
  public Dataset<Row> read(List<StagedFile> files, StructType schema) {
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    List<Catalog.Column> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      columns.add(new Catalog.Column(field.name(), field.dataType(), false));
    }
    return reads.read("(" + dialect.stagedRows(names(files), List.of(schema.fieldNames())) + ") rt_staged", columns);
  }

  @Override
  public void discard(List<StagedFile> files) {
    dropStages(files);
  }

  /** The rows are in their tables now: the staging tables are only copies. */
  @Override
  public void release(List<StagedFile> committed) {
    dropStages(committed);
  }

  private void dropStages(List<StagedFile> files) {
    if (files.isEmpty()) {
      return;
    }
    connected(c -> {
      try (Statement statement = c.createStatement()) {
        for (StagedFile file : files) {
          statement.execute(dialect.dropStage(file.location()));
        }
      }
      return null;
    });
  }

  private static List<String> names(List<StagedFile> files) {
    return files.stream().map(StagedFile::location).toList();
  }

  /**
   * The staging schema, once per warehouse object; staging tables a crashed load left there over a
   * day ago are dropped (a load that ends, well or not, drops its own).
   */
  void ensureStaging() {
    if (stagingReady) {
      return;
    }
    synchronized (this) {
      if (stagingReady) {
        return;
      }
      ensureSchema(SqlDialect.STAGING);
      connected(c -> {
        Instant now = Instant.now();
        try (Statement statement = c.createStatement()) {
          for (String stage : catalog.stagingTables(c)) {
            if (StageNames.abandoned(stage, now)) {
              statement.execute(dialect.dropStage(stage));
            }
          }
        }
        return null;
      });
      stagingReady = true;
    }
  }

  private void ensureStamps() {
    if (stampsReady) {
      return;
    }
    synchronized (this) {
      if (!stampsReady) {
        ensureSchema(dialect.stamps().namespace());
        connected(c -> {
          try {
            execute(c, dialect.createStamps());
          } catch (SQLException e) {
            if (!Catalog.isDuplicate(e)) {
              throw e;
            }
          }
          return null;
        });
        stampsReady = true;
      }
    }
  }

  void ensureSchema(String namespace) {
    connected(c -> {
      catalog.ensureSchema(c, namespace);
      return null;
    });
  }

  // --- connections -----------------------------------------------------------------------------

  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Work on a connection of its own, in autocommit. */
  <T> T connected(Work<T> work) {
    try (Connection c = connector.open()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Work in one transaction: committed when it returns, rolled back when it throws. */
  <T> T transaction(Work<T> work) {
    try (Connection c = connector.open()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        if (!c.getAutoCommit()) {
          c.commit();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private RuntimeException failure(SQLException e) {
    return new IllegalStateException("The " + dialect.type() + " warehouse at " + connector.url() + " failed: "
        + e.getMessage(), e);
  }

  private static Void execute(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
    return null;
  }

  private static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }
}
