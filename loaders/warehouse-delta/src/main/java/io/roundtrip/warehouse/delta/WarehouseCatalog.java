package io.roundtrip.warehouse.delta;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.v2.parquet.ParquetTable;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Spark catalog over a Delta warehouse folder: {@code <namespace>.<table>} is the Delta table in
 * {@code <path>/<namespace>/<table>}, found when a query names it. Nothing is read for the tables
 * a query does not name, so {@code SELECT 1} costs nothing and a query of one table of a
 * 300-table source reads one table's log; {@code SHOW TABLES} and {@code SHOW NAMESPACES} still list
 * them all (from the folder, not the logs). Tables themselves are Delta's
 * ({@code DeltaCatalog}'s path tables), so everything Delta does in SQL works on them.
 *
 * <p>Configured per warehouse as {@code spark.sql.catalog.<name> = this class} with the option
 * {@code path}; {@link DeltaWarehouse#registerTables} does that and makes it the current catalog.
 */
public final class WarehouseCatalog implements TableCatalog, SupportsNamespaces {

  private String name;
  private Path root;
  private KernelTables kernel;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    String path = options.get("path");
    if (path == null) {
      throw new IllegalArgumentException("Catalog " + name + " needs the option path (the warehouse folder)");
    }
    this.root = new Path(path);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String[] defaultNamespace() {
    return new String[0];
  }

  private static SparkSession spark() {
    return SparkSession.active();
  }

  /** Delta's own catalog, which takes a table's folder as its name ({@code delta.`<path>`}). */
  private static TableCatalog delta() {
    return (TableCatalog) spark().sessionState().catalogManager().catalog("spark_catalog");
  }

  private Identifier pathOf(Identifier ident) {
    if (ident.namespace().length != 1) {
      throw new IllegalArgumentException("Tables of " + name + " are <namespace>.<table>, not " + ident);
    }
    return Identifier.of(new String[] {"delta"},
        new Path(new Path(root, ident.namespace()[0]), ident.name()).toString());
  }

  private FileSystem fs() {
    try {
      return root.getFileSystem(spark().sparkContext().hadoopConfiguration());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot open warehouse " + root, e);
    }
  }

  private boolean isTable(Path dir) {
    try {
      return fs().exists(new Path(dir, "_delta_log"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<String> children(Path dir) {
    try {
      if (!fs().exists(dir)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus status : fs().listStatus(dir)) {
        String child = status.getPath().getName();
        if (status.isDirectory() && !child.startsWith(".") && !child.startsWith("_spark")) {
          names.add(child);
        }
      }
      names.sort(null);
      return names;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length != 1 || !namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    Path dir = new Path(root, namespace[0]);
    return children(dir).stream().filter(t -> isTable(new Path(dir, t)))
        .map(t -> Identifier.of(namespace, t)).toArray(Identifier[]::new);
  }

  /**
   * A table's current rows are read as the Parquet files Delta Kernel lists for its snapshot, when
   * its protocol allows (see {@link KernelTables#plainFiles}): Delta Lake for Spark would first
   * rebuild the table's state with Spark jobs, which costs a fresh process seconds per table. Other
   * tables, and every read of an older version, are Delta's own.
   */
  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    if (ident.namespace().length != 1 || !isTable(new Path(new Path(root, ident.namespace()[0]), ident.name()))) {
      throw new NoSuchTableException(ident);
    }
    String location = pathOf(ident).name();
    Optional<io.delta.kernel.Snapshot> snapshot = kernel().latest(location);
    Optional<List<String>> files = snapshot.flatMap(kernel()::plainFiles);
    if (files.isEmpty() || files.get().isEmpty()) {
      return delta().loadTable(pathOf(ident));
    }
    return new ParquetTable(ident.toString(), spark(), CaseInsensitiveStringMap.empty(),
        scala.jdk.javaapi.CollectionConverters.asScala(files.get()).toSeq(),
        scala.Option.apply(KernelTables.sparkSchema(snapshot.get())), ParquetFileFormat.class);
  }

  private KernelTables kernel() {
    if (kernel == null) {
      kernel = new KernelTables(spark().sparkContext().hadoopConfiguration());
    }
    return kernel;
  }

  @Override
  public Table loadTable(Identifier ident, long timestamp) throws NoSuchTableException {
    loadTable(ident);
    return delta().loadTable(pathOf(ident), timestamp);
  }

  @Override
  public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
    loadTable(ident);
    return delta().loadTable(pathOf(ident), version);
  }

  @Override
  public Table createTable(Identifier ident, Column[] columns, Transform[] partitions, Map<String, String> properties) {
    try {
      return delta().createTable(pathOf(ident), columns, partitions, properties);
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  @Override
  @SuppressWarnings("deprecation")
  public Table createTable(Identifier ident, org.apache.spark.sql.types.StructType schema, Transform[] partitions,
      Map<String, String> properties) {
    try {
      return delta().createTable(pathOf(ident), schema, partitions, properties);
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) throws NoSuchTableException {
    loadTable(ident);
    return delta().alterTable(pathOf(ident), changes);
  }

  @Override
  public boolean dropTable(Identifier ident) {
    // a table is its folder; dropping one here would delete data a SQL DROP did not ask to lose
    throw new UnsupportedOperationException("Tables of " + name + " are folders of the warehouse; delete "
        + pathOf(ident).name() + " to drop " + ident);
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw new UnsupportedOperationException("Renaming tables of " + name + " is not supported");
  }

  @Override
  public String[][] listNamespaces() {
    return children(root).stream().filter(ns -> children(new Path(root, ns)).stream()
            .anyMatch(t -> isTable(new Path(new Path(root, ns), t))))
        .map(ns -> new String[] {ns}).toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return new String[0][];
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    try {
      return namespace.length == 1 && fs().exists(new Path(root, namespace[0]));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return Map.of("location", new Path(root, namespace[0]).toString());
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) {
    try {
      fs().mkdirs(new Path(root, String.join(File.separator, Arrays.asList(namespace))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw new UnsupportedOperationException("Namespaces of " + name + " are folders; they have no properties");
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) {
    throw new UnsupportedOperationException("Namespaces of " + name + " are folders of the warehouse; delete "
        + new Path(root, namespace[0]) + " to drop " + namespace[0]);
  }
}
