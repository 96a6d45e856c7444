package io.roundtrip.warehouse.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.SqlModelTarget;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * SQL models on the Delta warehouse, in Spark SQL. Tables are the warehouse's own Delta tables
 * ({@code <root>/<schema>/<name>}), so syncs and {@code roundtrip query} read them like any other.
 *
 * <p>Tables need no naming: the session catalog ({@link WarehouseCatalog}) finds them in the folder.
 * Views live only in Spark's in-memory session catalog, so each view's SELECT is kept in
 * {@code <root>/<schema>/_views/<name>.sql} and created again in every session by
 * {@link #registerViews()} (called when the warehouse registers its tables).
 */
final class DeltaSqlModelTarget implements SqlModelTarget {

  static final String VIEWS = "_views";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final DeltaWarehouse warehouse;
  private final Path root;
  /** Relations this target has named in the session (a run builds nodes in parallel threads). */
  private final Set<Relation> registered = ConcurrentHashMap.newKeySet();

  DeltaSqlModelTarget(SparkSession spark, DeltaWarehouse warehouse, Path root) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.root = root;
  }

  @Override
  public String relationName(Relation relation) {
    return relation.tableId().sqlName();
  }

  @Override
  public Optional<RelationInfo> describe(Relation relation) {
    if (exists(viewFile(relation))) {
      registerView(relation);
      return Optional.of(new RelationInfo(Kind.VIEW, spark.table(relationName(relation)).schema()));
    }
    return warehouse.schema(relation.tableId()).map(schema -> new RelationInfo(Kind.TABLE, schema));
  }

  @Override
  public Dataset<Row> query(String select) {
    return spark.sql(select);
  }

  @Override
  public void createView(Relation relation, String select) {
    dropTable(relation);
    createDatabase(relation.schema());
    spark.sql("CREATE OR REPLACE VIEW " + relationName(relation) + " AS " + select);
    registered.add(relation);
    Path file = viewFile(relation);
    try (OutputStream out = fs().create(file, true)) {
      out.write(select.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the view definition " + file, e);
    }
  }

  @Override
  public long replaceTable(Relation relation, String select) {
    return replaceTable(relation, spark.sql(select));
  }

  @Override
  public long replaceTable(Relation relation, Dataset<Row> rows) {
    dropView(relation);
    // one Delta commit that overwrites the table: readers see the old version or the new one
    long written = warehouse.write(relation.tableId(), rows, WriteMode.overwrite());
    return written;
  }

  @Override
  public long writeIncremental(Relation relation, String select, IncrementalWrite write) {
    TableId table = relation.tableId();
    StructType current = warehouse.schema(table).orElseThrow(() ->
        new IllegalArgumentException("No such table: " + relation));
    Dataset<Row> rows = spark.sql(select);
    if (write.columns() == Columns.SYNC) {
      syncColumns(table, current, rows.schema());
      current = rows.schema();
    }
    rows = conform(rows, current, write.columns());
    long written;
    if (write instanceof IncrementalWrite.Append) {
      written = warehouse.write(table, rows, WriteMode.append());
    } else if (write instanceof IncrementalWrite.Merge merge) {
      addMissingColumns(table, current, rows.schema());
      Map<String, String> set = new LinkedHashMap<>();
      for (String column : rows.columns()) {
        set.put(column, "s." + DeltaWarehouse.quote(column));
      }
      var counts = warehouse.merge(table, rows, new MergeSpec(merge.uniqueKey(),
          List.of(new MergeSpec.WhenMatched(null, set)), set));
      written = counts.inserted() + counts.updated();
    } else if (write instanceof IncrementalWrite.ReplaceRange range) {
      warehouse.write(table, rows, WriteMode.replaceWhere(rangeCondition(range)));
      // the commit counts the rows of rewritten files too; what the range now holds is what was written
      written = warehouse.read(table).where(rangeCondition(range)).count();
    } else {
      throw new IllegalArgumentException("Unknown incremental write " + write);
    }
    return written;
  }

  static String rangeCondition(IncrementalWrite.ReplaceRange range) {
    String column = DeltaWarehouse.quote(range.timeColumn());
    return column + " >= " + timestamp(range.start()) + " AND " + column + " < " + timestamp(range.end());
  }

  private static String timestamp(Instant instant) {
    return "TIMESTAMP'" + TIMESTAMP.format(instant) + "'";
  }

  /** The rows with the table's columns (in its order and types), plus their new ones when asked. */
  private static Dataset<Row> conform(Dataset<Row> rows, StructType table, Columns columns) {
    List<String> have = List.of(rows.columns());
    List<Column> select = new ArrayList<>();
    for (StructField field : table.fields()) {
      Optional<String> match = have.stream().filter(c -> c.equalsIgnoreCase(field.name())).findFirst();
      select.add((match.isPresent() ? col(DeltaWarehouse.quote(match.get())) : lit(null))
          .cast(field.dataType()).as(field.name()));
    }
    if (columns != Columns.KEEP) {
      for (String column : have) {
        if (java.util.Arrays.stream(table.fieldNames()).noneMatch(f -> f.equalsIgnoreCase(column))) {
          select.add(col(DeltaWarehouse.quote(column)));
        }
      }
    }
    return rows.select(select.toArray(new Column[0]));
  }

  private void addMissingColumns(TableId table, StructType current, StructType rows) {
    String added = java.util.Arrays.stream(rows.fields())
        .filter(f -> java.util.Arrays.stream(current.fieldNames()).noneMatch(c -> c.equalsIgnoreCase(f.name())))
        .map(f -> DeltaWarehouse.quote(f.name()) + " " + f.dataType().sql())
        .collect(Collectors.joining(", "));
    if (!added.isEmpty()) {
      spark.sql("ALTER TABLE delta.`" + warehouse.location(table) + "` ADD COLUMNS (" + added + ")");
    }
  }

  /** Rewrites the table's rows into the new columns: removed ones dropped, new ones null, types cast. */
  private void syncColumns(TableId table, StructType current, StructType target) {
    Dataset<Row> existing = warehouse.read(table);
    List<Column> select = new ArrayList<>();
    for (StructField field : target.fields()) {
      boolean had = java.util.Arrays.stream(current.fieldNames()).anyMatch(c -> c.equalsIgnoreCase(field.name()));
      select.add((had ? col(DeltaWarehouse.quote(field.name())) : lit(null)).cast(field.dataType()).as(field.name()));
    }
    warehouse.write(table, existing.select(select.toArray(new Column[0])), WriteMode.overwrite());
  }

  /** Creates every view kept in the warehouse in this session; views on views wait for theirs. */
  void registerViews() {
    List<Relation> pending = new ArrayList<>();
    try {
      if (!fs().exists(root)) {
        return;
      }
      for (FileStatus schema : fs().listStatus(root)) {
        Path views = new Path(schema.getPath(), VIEWS);
        if (!schema.isDirectory() || !fs().exists(views)) {
          continue;
        }
        for (FileStatus file : fs().listStatus(views)) {
          String name = file.getPath().getName();
          if (name.endsWith(".sql")) {
            pending.add(new Relation(schema.getPath().getName(), name.substring(0, name.length() - 4)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the views of the warehouse " + root, e);
    }
    // a view is created after the views it reads: retry while each round creates at least one
    while (!pending.isEmpty()) {
      List<Relation> failed = new ArrayList<>();
      for (Relation view : pending) {
        try {
          createSessionView(view);
        } catch (RuntimeException e) {
          failed.add(view);
        }
      }
      if (failed.size() == pending.size()) {
        // views whose tables are gone stay out of the session; querying them says what is missing
        return;
      }
      pending = failed;
    }
  }

  private void registerView(Relation relation) {
    if (registered.add(relation)) {
      forget(relation);
      createSessionView(relation);
    }
  }

  private void createSessionView(Relation view) {
    createDatabase(view.schema());
    spark.sql("CREATE OR REPLACE VIEW " + relationName(view) + " AS " + read(viewFile(view)));
  }

  /**
   * Forgets the name in the session catalog, table or view, without asking Delta: a name left by
   * another warehouse may point to a folder that is gone, and the entries are external anyway.
   */
  private void forget(Relation relation) {
    if (!spark.sessionState().catalog().databaseExists(relation.schema())) {
      return;
    }
    spark.sessionState().catalog().dropTable(
        new org.apache.spark.sql.catalyst.TableIdentifier(relation.name(), scala.Option.apply(relation.schema())),
        true, false);
  }

  /**
   * The schema as a database of Spark's own session catalog, where views must live. Made through
   * that catalog directly: in SQL, {@code CREATE DATABASE IF NOT EXISTS} would ask
   * {@link WarehouseCatalog}, which says a warehouse folder exists already.
   */
  private void createDatabase(String schema) {
    if (!spark.sessionState().catalog().databaseExists(schema)) {
      try {
        java.net.URI location = fs().makeQualified(new Path(root, schema)).toUri();
        spark.sessionState().catalog().createDatabase(new org.apache.spark.sql.catalyst.catalog.CatalogDatabase(
            schema, "", location, scala.collection.immutable.Map$.MODULE$.empty()), true);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open the warehouse " + root, e);
      }
    }
  }

  private void dropView(Relation relation) {
    Path file = viewFile(relation);
    if (exists(file)) {
      forget(relation);
      delete(file, false);
    }
  }

  /** dbt drops a table that becomes a view; so does this, data and all. */
  private void dropTable(Relation relation) {
    registered.remove(relation);
    forget(relation); // CREATE OR REPLACE VIEW replaces a view, not a table of the same name
    if (warehouse.schema(relation.tableId()).isPresent()) {
      delete(new Path(warehouse.location(relation.tableId())), true);
    }
  }

  private Path viewFile(Relation relation) {
    return new Path(new Path(new Path(root, relation.schema()), VIEWS), relation.name() + ".sql");
  }

  private boolean exists(Path path) {
    try {
      return fs().exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void delete(Path path, boolean recursive) {
    try {
      fs().delete(path, recursive);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }

  private String read(Path file) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs().open(file), StandardCharsets.UTF_8))) {
      return reader.lines().collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the view definition " + file, e);
    }
  }

  private FileSystem fs() throws IOException {
    return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }
}
