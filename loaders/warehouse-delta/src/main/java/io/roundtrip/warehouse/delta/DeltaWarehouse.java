package io.roundtrip.warehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaMergeMatchedActionBuilder;
import io.delta.tables.DeltaTable;
import io.roundtrip.warehouse.ChangeFeed;
import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.TimeTravel;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
import scala.collection.JavaConverters;

/** Delta Lake tables in a folder: {@code <root>/<namespace>/<table>}. */
final class DeltaWarehouse implements Warehouse, TimeTravel, ChangeFeed, SqlCatalog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final Path root;

  DeltaWarehouse(SparkSession spark, String root) {
    this.spark = spark;
    try {
      Path path = new Path(root);
      this.root = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path);
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

  @Override
  public Optional<StructType> schema(TableId table) {
    String location = location(table);
    if (!exists(table)) {
      return Optional.empty();
    }
    return Optional.of(DeltaTable.forPath(spark, location).toDF().schema());
  }

  private boolean exists(TableId table) {
    try {
      Path log = new Path(location(table), "_delta_log");
      return fs().exists(log) && DeltaTable.isDeltaTable(spark, location(table));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public SchemaChange updateSchema(TableId table) {
    return new DeltaSchemaChange(table, schema(table).orElse(null));
  }

  @Override
  public long write(TableId table, Dataset<Row> rows, WriteMode mode) {
    var writer = rows.write().format("delta");
    if (mode instanceof WriteMode.Append) {
      writer = writer.mode(SaveMode.Append).option("mergeSchema", "true");
    } else if (mode instanceof WriteMode.Overwrite) {
      writer = writer.mode(SaveMode.Overwrite).option("overwriteSchema", "true");
    } else if (mode instanceof WriteMode.ReplaceWhere replace) {
      writer = writer.mode(SaveMode.Overwrite).option("replaceWhere", replace.condition())
          .option("mergeSchema", "true");
    }
    writer.save(location(table));
    return lastCommitMetric(table, "numOutputRows");
  }

  /**
   * A metric of the table's latest commit, read from the commit file itself: asking Delta for the
   * history runs a Spark job, which costs more than many small writes.
   */
  private long lastCommitMetric(TableId table, String metric) {
    Path latest = latestCommit(table);
    if (latest == null) {
      return 0L;
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs().open(latest), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        JsonNode action = JSON.readTree(line);
        if (action.has("commitInfo")) {
          JsonNode value = action.get("commitInfo").path("operationMetrics").get(metric);
          return value == null ? 0L : Long.parseLong(value.asText());
        }
      }
      return 0L;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the commit log of " + table, e);
    }
  }

  /** The newest commit file: its number is the table's version (commit files outlive checkpoints). */
  private Path latestCommit(TableId table) {
    try {
      Path log = new Path(location(table), "_delta_log");
      Path latest = null;
      for (FileStatus status : fs().listStatus(log)) {
        String name = status.getPath().getName();
        if (name.matches("\\d{20}\\.json") && (latest == null || name.compareTo(latest.getName()) > 0)) {
          latest = status.getPath();
        }
      }
      return latest;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the commit log of " + table, e);
    }
  }

  @Override
  public OptionalLong version(TableId table) {
    if (!exists(table)) {
      return OptionalLong.empty();
    }
    Path latest = latestCommit(table);
    return latest == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(latest.getName().substring(0, 20)));
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
    merge.execute();
    return new MergeCounts(lastCommitMetric(table, "numTargetRowsInserted"),
        lastCommitMetric(table, "numTargetRowsUpdated"));
  }

  private static scala.collection.immutable.Map<String, String> quoteKeys(Map<String, String> set) {
    java.util.LinkedHashMap<String, String> quoted = new java.util.LinkedHashMap<>();
    set.forEach((column, expr) -> quoted.put(quote(column), expr));
    return scala.collection.immutable.Map.from(JavaConverters.mapAsScalaMap(quoted));
  }

  @Override
  public Dataset<Row> read(TableId table) {
    if (!exists(table)) {
      throw new IllegalArgumentException("No such table: " + table);
    }
    return spark.read().format("delta").load(location(table));
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

  @Override
  public void registerTables() {
    for (String namespace : namespaces()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(namespace) + " LOCATION '"
          + escape(new Path(root, namespace).toString()) + "'");
      for (TableId table : tables(namespace)) {
        String name = quote(table.namespace()) + "." + quote(table.name());
        // the session may have the name registered for another warehouse's table; the entries are
        // external (LOCATION), so dropping one forgets the name and leaves the data alone
        spark.sql("DROP TABLE IF EXISTS " + name);
        spark.sql("CREATE TABLE " + name + " USING delta LOCATION '" + escape(location(table)) + "'");
      }
    }
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

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String escape(String literal) {
    return literal.replace("\\", "\\\\").replace("'", "\\'");
  }

  /** Additions to one table, committed as one ALTER TABLE (or one CREATE TABLE). */
  private final class DeltaSchemaChange implements SchemaChange {
    private final TableId table;
    private final StructType current;
    private final List<StructField> added = new ArrayList<>();

    DeltaSchemaChange(TableId table, StructType current) {
      this.table = table;
      this.current = current;
    }

    @Override
    public SchemaChange addColumn(String name, ColumnType type) {
      Optional<StructField> existing = find(name);
      if (existing.isPresent()) {
        if (!existing.get().dataType().equals(type.sparkType())) {
          throw new IllegalArgumentException("Cannot add column " + name + " as " + type.sqlName()
              + ": it exists as " + existing.get().dataType().sql().toLowerCase(java.util.Locale.ROOT));
        }
        return this;
      }
      added.add(new StructField(name, type.sparkType(), true, org.apache.spark.sql.types.Metadata.empty()));
      return this;
    }

    private Optional<StructField> find(String name) {
      List<StructField> fields = new ArrayList<>(added);
      if (current != null) {
        fields.addAll(List.of(current.fields()));
      }
      return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public StructType apply() {
      StructType schema = current == null ? new StructType() : current;
      for (StructField field : added) {
        schema = schema.add(field);
      }
      return schema;
    }

    @Override
    public boolean isEmpty() {
      return current != null && added.isEmpty();
    }

    @Override
    public void commit() {
      if (current == null) {
        DeltaTable.createIfNotExists(spark).location(location(table)).addColumns(apply()).execute();
      } else if (!added.isEmpty()) {
        String columns = added.stream()
            .map(f -> quote(f.name()) + " " + f.dataType().sql())
            .collect(Collectors.joining(", "));
        spark.sql("ALTER TABLE delta.`" + location(table) + "` ADD COLUMNS (" + columns + ")");
      }
    }
  }
}
