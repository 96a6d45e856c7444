package io.roundtrip.warehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaMergeMatchedActionBuilder;
import io.delta.kernel.Snapshot;
import io.delta.tables.DeltaTable;
import io.roundtrip.warehouse.ChangeFeed;
import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.DriverScans;
import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.PendingSchemaChange;
import io.roundtrip.warehouse.RangeReads;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.StagedWriters;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.TimeTravel;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import scala.collection.JavaConverters;

/** Delta Lake tables in a folder: {@code <root>/<namespace>/<table>}. */
final class DeltaWarehouse implements Warehouse, TimeTravel, ChangeFeed, SqlCatalog, StagedAppends, DriverScans, RangeReads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final Path root;
  private final KernelTables kernel;

  DeltaWarehouse(SparkSession spark, String root) {
    this.spark = spark;
    try {
      Path path = new Path(root);
      this.root = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path);
      this.kernel = new KernelTables(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open warehouse " + root, e);
    }
  }

  @Override
  public String type() {
    return DeltaWarehouses.TYPE;
  }

  @Override
  public <T> Optional<T> ability(Class<T> ability) {
    if (ability == io.roundtrip.warehouse.SqlModelTarget.class) {
      return Optional.of(ability.cast(new DeltaSqlModelTarget(spark, this, root)));
    }
    return Warehouse.super.ability(ability);
  }

  String location(TableId table) {
    return new Path(new Path(root, table.namespace()), table.name()).toString();
  }

  /** Read from the log by Delta Kernel, without the Spark jobs a DeltaTable would run. */
  @Override
  public Optional<StructType> schema(TableId table) {
    return kernel.latest(location(table)).map(KernelTables::sparkSchema);
  }

  private boolean exists(TableId table) {
    return kernel.latest(location(table)).isPresent();
  }

  @Override
  public SchemaChange updateSchema(TableId table) {
    return new DeltaSchemaChange(table, schema(table).orElse(null));
  }

  @Override
  public long write(TableId table, Dataset<Row> rows, WriteMode mode) {
    // a token in the commit's userMetadata finds this write's own commit: the table's newest commit
    // may be another writer's when jobs commit to a shared table at once
    String token = "roundtrip-write-" + UUID.randomUUID();
    long before = version(table).orElse(-1);
    if (mode instanceof WriteMode.ReplaceKeys replace && before >= 0) {
      // the rows it keeps and the new ones, as one overwrite: a merge would rewrite every file that
      // holds a replaced key too, which for rows keyed by random ids is every file, after two joins
      rows = replace.kept(read(table)).unionByName(rows, true);
    }
    var writer = rows.write().format("delta").option("userMetadata", token);
    if (mode instanceof WriteMode.Append) {
      writer = writer.mode(SaveMode.Append).option("mergeSchema", "true");
    } else if (mode instanceof WriteMode.Overwrite) {
      writer = writer.mode(SaveMode.Overwrite).option("overwriteSchema", "true");
    } else if (mode instanceof WriteMode.ReplaceKeys) {
      writer = writer.mode(SaveMode.Overwrite).option("mergeSchema", "true");
    } else if (mode instanceof WriteMode.ReplaceWhere replace) {
      writer = writer.mode(SaveMode.Overwrite).option("replaceWhere", replace.condition())
          .option("mergeSchema", "true");
    }
    writer.save(location(table));
    return commitMetric(table, before, token, "numOutputRows");
  }

  /**
   * A metric of the commit after version {@code after} whose userMetadata is {@code token}, read
   * from the commit files themselves, newest first (asking Delta for the history runs a Spark job,
   * which costs more than many small writes); 0 when the write committed nothing (Delta skips an
   * empty one).
   */
  private long commitMetric(TableId table, long after, String token, String metric) {
    Path log = new Path(location(table), "_delta_log");
    try {
      List<Path> commits = new ArrayList<>();
      for (FileStatus status : fs().listStatus(log)) {
        String name = status.getPath().getName();
        if (name.matches("\\d{20}\\.json") && Long.parseLong(name.substring(0, 20)) > after) {
          commits.add(status.getPath());
        }
      }
      commits.sort((a, b) -> b.getName().compareTo(a.getName()));
      for (Path commit : commits) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs().open(commit), StandardCharsets.UTF_8))) {
          for (String line; (line = reader.readLine()) != null; ) {
            JsonNode info = JSON.readTree(line).get("commitInfo");
            if (info != null) {
              if (token.equals(info.path("userMetadata").asText(null))) {
                JsonNode value = info.path("operationMetrics").get(metric);
                return value == null ? 0L : Long.parseLong(value.asText());
              }
              break;
            }
          }
        }
      }
      return 0L;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the commit log of " + table, e);
    }
  }

  @Override
  public OptionalLong version(TableId table) {
    return kernel.latest(location(table)).map(s -> OptionalLong.of(s.getVersion())).orElse(OptionalLong.empty());
  }

  @Override
  public Dataset<Row> read(TableId table, long version) {
    if (!exists(table)) {
      throw new IllegalArgumentException("No such table: " + table);
    }
    return spark.read().format("delta").option("versionAsOf", version).load(location(table));
  }

  @Override
  public Optional<Dataset<Row>> changes(TableId table, long after, long upTo) {
    if (after >= upTo) {
      return Optional.empty();
    }
    try {
      Dataset<Row> changes = spark.read().format("delta").option("readChangeFeed", "true")
          .option("startingVersion", after + 1).option("endingVersion", upTo).load(location(table));
      // Delta refuses when it plans the scan if the feed does not cover the versions: plan it now
      // (without running it, which would cost a job) so the caller gets an answer it can act on
      changes.queryExecution().executedPlan();
      return Optional.of(changes);
    } catch (Exception e) { // Scala throws AnalysisException unchecked
      if (e instanceof org.apache.spark.sql.AnalysisException || e instanceof IllegalArgumentException
          || e instanceof IllegalStateException) {
        return Optional.empty(); // no change feed, or it was vacuumed away: the caller reads the table
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  @Override
  public MergeCounts merge(TableId table, Dataset<Row> rows, MergeSpec spec) {
    String on = spec.keys().stream()
        .map(k -> "t." + quote(k) + " = s." + quote(k))
        .collect(Collectors.joining(" AND "));
    DeltaMergeBuilder merge = DeltaTable.forPath(spark, location(table)).as("t").merge(rows.as("s"), on);
    for (MergeSpec.WhenMatched clause : spec.whenMatched()) {
      DeltaMergeMatchedActionBuilder matched =
          clause.condition() == null ? merge.whenMatched() : merge.whenMatched(clause.condition());
      merge = matched.updateExpr(quoteKeys(clause.set()));
    }
    if (!spec.insertValues().isEmpty()) {
      merge = merge.whenNotMatched().insertExpr(quoteKeys(spec.insertValues()));
    }
    // the metrics of this merge's own commit, as Delta returns them
    Row metrics = merge.execute().first();
    return new MergeCounts(metrics.getAs("num_inserted_rows"), metrics.getAs("num_updated_rows"));
  }

  private static scala.collection.immutable.Map<String, String> quoteKeys(Map<String, String> set) {
    java.util.LinkedHashMap<String, String> quoted = new java.util.LinkedHashMap<>();
    set.forEach((column, expr) -> quoted.put(quote(column), expr));
    return scala.collection.immutable.Map.from(JavaConverters.mapAsScalaMap(quoted));
  }

  /**
   * The table's current rows. Delta Kernel lists the snapshot's files and Spark reads them as plain
   * Parquet, when the table's protocol allows it (ours does): Delta Lake for Spark would first
   * rebuild the table's state with a few Spark jobs, seconds for every table a job reads once.
   */
  @Override
  public Dataset<Row> read(TableId table) {
    Snapshot snapshot = kernel.latest(location(table))
        .orElseThrow(() -> new IllegalArgumentException("No such table: " + table));
    StructType schema = KernelTables.sparkSchema(snapshot);
    Optional<List<String>> files = kernel.plainFiles(snapshot);
    if (files.isEmpty()) {
      return spark.read().format("delta").load(location(table));
    }
    if (files.get().isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(files.get().toArray(String[]::new));
  }


  @Override
  public List<TableId> tables(String namespace) {
    List<TableId> tables = new ArrayList<>();
    for (String name : children(new Path(root, namespace))) {
      Path dir = new Path(new Path(root, namespace), name);
      try {
        if (fs().exists(new Path(dir, "_delta_log"))) {
          tables.add(new TableId(namespace, name));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tables;
  }

  @Override
  public List<String> namespaces() {
    return children(root).stream().filter(ns -> !tables(ns).isEmpty()).toList();
  }

  /**
   * Makes this warehouse the one the session catalog ({@link WarehouseCatalog}) looks in:
   * {@code namespace.table} then finds the table when a query names it, and nothing is read for the
   * others. The SQL models' views are created in the session again, since Spark keeps views only in
   * memory.
   */
  @Override
  public void registerTables() {
    spark.conf().set(WarehouseCatalog.WAREHOUSE_PATH, root.toString());
    spark.sessionState().catalogManager().setCurrentCatalog("spark_catalog");
    new DeltaSqlModelTarget(spark, this, root).registerViews(); // the SQL models' views
  }


  private List<String> children(Path dir) {
    try {
      if (!fs().exists(dir)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus status : fs().listStatus(dir)) {
        if (status.isDirectory() && !status.getPath().getName().startsWith(".")) {
          names.add(status.getPath().getName());
        }
      }
      names.sort(null);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FileSystem fs() throws IOException {
    return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Delta Kernel skips the files whose {@code column} statistics (kept for a table's first 8
   * columns, {@code received_at} and {@code uuid_ts} among them) fall outside the range; Spark reads
   * the rest, and the filter drops their rows outside it.
   */
  @Override
  public Dataset<Row> read(TableId table, String column, Instant from, Instant until) {
    Snapshot snapshot = kernel.latest(location(table))
        .orElseThrow(() -> new IllegalArgumentException("No such table: " + table));
    StructType schema = KernelTables.sparkSchema(snapshot);
    org.apache.spark.sql.Column keep = org.apache.spark.sql.functions.lit(true);
    io.delta.kernel.expressions.Predicate skip = null;
    io.delta.kernel.expressions.Column ref = new io.delta.kernel.expressions.Column(column);
    if (from != null) {
      keep = keep.and(org.apache.spark.sql.functions.col(quote(column)).geq(org.apache.spark.sql.functions.lit(from)));
      skip = new io.delta.kernel.expressions.Predicate(">=", ref, io.delta.kernel.expressions.Literal.ofTimestamp(
          Math.multiplyExact(from.getEpochSecond(), 1_000_000L) + from.getNano() / 1000));
    }
    if (until != null) {
      keep = keep.and(org.apache.spark.sql.functions.col(quote(column)).lt(org.apache.spark.sql.functions.lit(until)));
      io.delta.kernel.expressions.Predicate before = new io.delta.kernel.expressions.Predicate("<", ref,
          io.delta.kernel.expressions.Literal.ofTimestamp(
              Math.multiplyExact(until.getEpochSecond(), 1_000_000L) + until.getNano() / 1000));
      skip = skip == null ? before : new io.delta.kernel.expressions.And(skip, before);
    }
    Optional<List<String>> files = kernel.plainFiles(snapshot, skip);
    if (files.isEmpty()) {
      return spark.read().format("delta").load(location(table)).where(keep);
    }
    if (files.get().isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(files.get().toArray(String[]::new)).where(keep);
  }

  @Override
  public List<Row> scan(TableId table, List<String> columns) {
    return kernel.latest(location(table)).map(snapshot -> kernel.scan(snapshot, columns)).orElse(List.of());
  }

  @Override
  public StagedWriters writers(String stageId) {
    return new DeltaStagedWriters(root.toString(), stageId,
        new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
  }

  @Override
  public CommitOutcome commit(TableId table, StructType schema, List<StagedFile> files, CommitStamp stamp) {
    return kernel.append(location(table), schema, files, stamp);
  }

  @Override
  public Dataset<Row> read(List<StagedFile> files, StructType schema) {
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(files.stream().map(StagedFile::location).toArray(String[]::new));
  }

  @Override
  public void discard(List<StagedFile> files) {
    try {
      for (StagedFile file : files) {
        fs().delete(new Path(file.location()), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete staged files", e);
    }
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** Additions to one table, committed as one ALTER TABLE (or one CREATE TABLE). */
  private final class DeltaSchemaChange extends PendingSchemaChange {
    private final TableId table;

    DeltaSchemaChange(TableId table, StructType current) {
      super(current);
      this.table = table;
    }

    @Override
    public void commit() {
      if (current() == null) {
        DeltaTable.createIfNotExists(spark).location(location(table)).addColumns(apply()).execute();
      } else if (!widened().isEmpty()) {
        rewrite();
      } else if (!added().isEmpty()) {
        String columns = added().stream()
            .map(f -> quote(f.name()) + " " + f.dataType().sql())
            .collect(Collectors.joining(", "));
        spark.sql("ALTER TABLE spark_catalog.delta.`" + location(table) + "` ADD COLUMNS (" + columns + ")");
      }
    }

    /**
     * Widening in place needs Delta's type-widening table feature, which takes BIGINT to DOUBLE
     * nowhere and which Delta Kernel (the loader's commits) cannot write to; so the table is
     * rewritten with the new types, and any added columns, in one overwrite commit. It happens once
     * per column, the first time a fraction arrives in it.
     */
    private void rewrite() {
      StructType target = apply();
      Dataset<Row> rows = spark.read().format("delta").load(location(table));
      List<org.apache.spark.sql.Column> columns = new ArrayList<>();
      for (StructField field : target.fields()) {
        org.apache.spark.sql.Column column = current().getFieldIndex(field.name()).isDefined()
            ? rows.col(quote(field.name())) : org.apache.spark.sql.functions.lit(null);
        columns.add(column.cast(field.dataType()).as(field.name()));
      }
      rows.select(columns.toArray(org.apache.spark.sql.Column[]::new)).write().format("delta")
          .mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(location(table));
    }
  }
}
