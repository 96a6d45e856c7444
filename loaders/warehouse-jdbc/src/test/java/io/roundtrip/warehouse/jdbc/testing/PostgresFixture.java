package io.roundtrip.warehouse.jdbc.testing;

import io.roundtrip.loaders.load.LoadJob;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadRequest;
import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * A PostgreSQL warehouse in a new database of the embedded server, an input folder, and shortcuts to
 * load into it and look at what PostgreSQL itself holds (its catalog and rows, through plain JDBC).
 */
public final class PostgresFixture {

  private final SparkSession spark = SharedSpark.session();
  private final Path root;
  private final String url = Postgres.newDatabase();
  private final Warehouse warehouse = Postgres.newWarehouse(url);

  public PostgresFixture(Path root) {
    this.root = root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String url() {
    return url;
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  public Path file(String name, String... lines) {
    Archives.write(root.resolve("input"), name, List.of(lines));
    return root.resolve("input");
  }

  public LoadSummary load(String source) {
    return load(source, LoadRequest.DEFAULT_DEDUP_WINDOW, warehouse);
  }

  public LoadSummary load(String source, Duration dedupWindow, Warehouse into) {
    LoadJob job = new LoadJob(spark, into, new NameRules(Dialect.POSTGRES));
    return job.run(job.plan(new LoadRequest(source, root.resolve("input").toString(), dedupWindow, 4)),
        LoadProgress.SILENT);
  }

  /** Rows as PostgreSQL returns them, {@code a|b|c}. */
  public List<String> query(String sql) {
    return Postgres.query(url, sql);
  }

  /** Column name -> PostgreSQL type, from its catalog. */
  public Map<String, String> columns(String namespace, String table) {
    Map<String, String> columns = new TreeMap<>();
    for (String row : query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '"
        + namespace + "' AND table_name = '" + table + "'")) {
      String[] parts = row.split("\\|", 2);
      columns.put(parts[0], parts[1]);
    }
    return columns;
  }

  public long count(String namespace, String table) {
    return warehouse.read(new TableId(namespace, table)).count();
  }
}
