package io.roundtrip.warehouse.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.delta.catalog.DeltaCatalog;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.v2.parquet.ParquetTable;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The session catalog ({@code spark_catalog}), Delta's, which also knows the current warehouse's
 * folder: {@code <namespace>.<table>} is the Delta table in {@code <warehouse>/<namespace>/<table>},
 * found when a query names it. Nothing is read for the tables a query does not name, so
 * {@code SELECT 1} costs nothing and a query of one table of a 300-table source reads one table's
 * log. Every other name is the session catalog's as usual: the SQL models' views (which Spark can
 * keep only in the session catalog), {@code delta.`<path>`}, temporary views.
 *
 * <p>The warehouse is the session's setting {@link #WAREHOUSE_PATH}, which
 * {@link DeltaWarehouse#registerTables} sets; without it this is Delta's catalog and nothing more.
 * {@link DeltaSettings} installs the class as {@code spark.sql.catalog.spark_catalog}.
 */
public class WarehouseCatalog extends DeltaCatalog {

  /** The session setting naming the folder whose tables this catalog resolves. */
  public static final String WAREHOUSE_PATH = "spark.roundtrip.warehouse.path";

  private volatile KernelTables kernel;

  private static SparkSession session() {
    return SparkSession.active();
  }

  private static Optional<Path> root() {
    return Optional.ofNullable(session().conf().get(WAREHOUSE_PATH, null)).map(Path::new);
  }

  /** The warehouse folder of a {@code namespace.table} name, if it names a table there. */
  private static Optional<Path> folder(Identifier ident) {
    if (ident.namespace().length != 1 || ident.name().contains("/")) {
      return Optional.empty(); // delta.`/a/path` and other path names are Delta's
    }
    return root().map(root -> new Path(new Path(root, ident.namespace()[0]), ident.name()))
        .filter(WarehouseCatalog::isTable);
  }

  private static Identifier pathOf(Path folder) {
    return Identifier.of(new String[] {"delta"}, folder.toString());
  }

  /**
   * A warehouse table's current rows are read as the Parquet files Delta Kernel lists for its
   * snapshot, when its protocol allows (see {@link KernelTables#plainFiles}): Delta Lake for Spark
   * would first rebuild the table's state with Spark jobs, which costs a fresh process seconds per
   * table. Other tables, and every read of an older version, are Delta's own.
   */
  @Override
  public Table loadTable(Identifier ident) {
    Optional<Path> folder = folder(ident);
    if (folder.isEmpty()) {
      return super.loadTable(ident);
    }
    Optional<io.delta.kernel.Snapshot> snapshot = kernel().latest(folder.get().toString());
    Optional<List<String>> files = snapshot.flatMap(kernel()::plainFiles);
    if (files.isEmpty() || files.get().isEmpty()) {
      return super.loadTable(pathOf(folder.get()));
    }
    return new ParquetTable(ident.toString(), session(), CaseInsensitiveStringMap.empty(),
        scala.jdk.javaapi.CollectionConverters.asScala(files.get()).toSeq(),
        scala.Option.apply(KernelTables.sparkSchema(snapshot.get())), ParquetFileFormat.class);
  }

  private KernelTables kernel() {
    if (kernel == null) {
      kernel = new KernelTables(session().sparkContext().hadoopConfiguration());
    }
    return kernel;
  }

  @Override
  public Table loadTable(Identifier ident, long timestamp) {
    return super.loadTable(folder(ident).map(WarehouseCatalog::pathOf).orElse(ident), timestamp);
  }

  @Override
  public Table loadTable(Identifier ident, String version) {
    return super.loadTable(folder(ident).map(WarehouseCatalog::pathOf).orElse(ident), version);
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    return super.alterTable(folder(ident).map(WarehouseCatalog::pathOf).orElse(ident), changes);
  }

  /** A new {@code namespace.table} of a warehouse namespace is a folder of the warehouse too. */
  @Override
  public Table createTable(Identifier ident, Column[] columns, Transform[] partitions, Map<String, String> properties) {
    return super.createTable(inWarehouse(ident), columns, partitions, properties);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
    return super.createTable(inWarehouse(ident), schema, partitions, properties);
  }

  private Identifier inWarehouse(Identifier ident) {
    if (ident.namespace().length != 1 || ident.name().contains("/") || sessionHasDatabase(ident)) {
      return ident;
    }
    return root().filter(root -> exists(new Path(root, ident.namespace()[0])))
        .map(root -> pathOf(new Path(new Path(root, ident.namespace()[0]), ident.name())))
        .orElse(ident);
  }

  /** Whether the session catalog has the namespace as a database of its own (then it decides). */
  private static boolean sessionHasDatabase(Identifier ident) {
    return session().sessionState().catalog().databaseExists(ident.namespace()[0]);
  }

  @Override
  public boolean dropTable(Identifier ident) {
    Optional<Path> folder = folder(ident);
    if (folder.isPresent()) {
      // a table is its folder; dropping one here would delete data a SQL DROP did not ask to lose
      throw new UnsupportedOperationException("Tables of the warehouse are its folders; delete "
          + folder.get() + " to drop " + ident);
    }
    return super.dropTable(ident);
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    Set<Identifier> tables = new LinkedHashSet<>();
    Optional<Path> dir = root().filter(r -> namespace.length == 1).map(r -> new Path(r, namespace[0]));
    dir.ifPresent(d -> children(d).stream().filter(t -> isTable(new Path(d, t)))
        .forEach(t -> tables.add(Identifier.of(namespace, t))));
    if (super.namespaceExists(namespace)) {
      tables.addAll(Arrays.asList(super.listTables(namespace)));
    } else if (dir.filter(WarehouseCatalog::exists).isEmpty()) {
      throw new NoSuchNamespaceException(namespace);
    }
    return tables.toArray(new Identifier[0]);
  }

  @Override
  public String[][] listNamespaces() throws NoSuchNamespaceException {
    Set<List<String>> namespaces = new LinkedHashSet<>();
    root().ifPresent(root -> children(root).stream()
        .filter(ns -> children(new Path(root, ns)).stream().anyMatch(t -> isTable(new Path(new Path(root, ns), t))))
        .forEach(ns -> namespaces.add(List.of(ns))));
    Stream.of(super.listNamespaces()).forEach(ns -> namespaces.add(List.of(ns)));
    return namespaces.stream().map(ns -> ns.toArray(new String[0])).toArray(String[][]::new);
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return super.namespaceExists(namespace)
        || (namespace.length == 1 && root().filter(r -> exists(new Path(r, namespace[0]))).isPresent());
  }

  private static FileSystem fs(Path path) {
    try {
      return path.getFileSystem(session().sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + path, e);
    }
  }

  private static boolean exists(Path path) {
    try {
      return fs(path).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isTable(Path dir) {
    return exists(new Path(dir, "_delta_log"));
  }

  private static List<String> children(Path dir) {
    try {
      if (!fs(dir).exists(dir)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus status : fs(dir).listStatus(dir)) {
        String child = status.getPath().getName();
        if (status.isDirectory() && !child.startsWith(".") && !child.startsWith("_spark")) {
          names.add(child);
        }
      }
      names.sort(null);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
