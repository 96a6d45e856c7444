package io.roundtrip.loaders.testing;

import io.roundtrip.loaders.load.LoadJob;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadRequest;
import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A Delta warehouse in a test's folder, with the shared SparkSession, and shortcuts to load and read it. */
public final class WarehouseFixture {

  private final SparkSession spark = SharedSpark.session();
  private final Path root;
  private final Warehouse warehouse;

  public WarehouseFixture(Path root) {
    this.root = root;
    this.warehouse = DeltaWarehouses.at(spark, root.resolve("warehouse").toString());
  }

  public SparkSession spark() {
    return spark;
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  /** Writes an archive file under this test's input folder and returns the folder. */
  public Path file(String name, String... lines) {
    Archives.write(root.resolve("input"), name, List.of(lines));
    return root.resolve("input");
  }

  public Path input() {
    return root.resolve("input");
  }

  public LoadSummary load(String source) {
    return load(source, LoadRequest.DEFAULT_DEDUP_WINDOW, warehouse);
  }

  public LoadSummary load(String source, Duration dedupWindow, Warehouse into) {
    LoadJob job = new LoadJob(spark, into, new NameRules(Dialect.DELTA));
    return job.run(job.plan(new LoadRequest(source, input().toString(), dedupWindow, 4)), LoadProgress.SILENT);
  }

  public List<Row> rows(String namespace, String table, String orderBy) {
    return warehouse.read(new TableId(namespace, table)).orderBy(orderBy).collectAsList();
  }

  public long count(String namespace, String table) {
    return warehouse.read(new TableId(namespace, table)).count();
  }

  /** Column name -> Spark SQL type name, in table order. */
  public Map<String, String> columns(String namespace, String table) {
    Map<String, String> columns = new TreeMap<>();
    for (var field : warehouse.schema(new TableId(namespace, table)).orElseThrow().fields()) {
      columns.put(field.name(), field.dataType().sql().toLowerCase(java.util.Locale.ROOT));
    }
    return columns;
  }
}
