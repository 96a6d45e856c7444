package io.roundtrip.loaders.warehouse;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Where tables live. The loaders, models and syncs see only this; Delta Lake in a folder is the
 * default implementation ({@link Warehouses#delta}).
 */
public interface Warehouse {

  /** The table's current schema, or empty when it does not exist. */
  Optional<StructType> schema(TableId table);

  /** Starts a schema change for the table (creating it on commit if it does not exist). */
  SchemaChange updateSchema(TableId table);

  /**
   * Writes rows in one commit and returns the number of rows the commit added, as recorded by the
   * table itself (not by Spark's task metrics, which double-count retried tasks).
   */
  long write(TableId table, Dataset<Row> rows, WriteMode mode);

  /** Upserts rows in one commit. The table must exist and have every column the spec names. */
  MergeCounts merge(TableId table, Dataset<Row> rows, MergeSpec spec);

  /** The table's current rows. */
  Dataset<Row> read(TableId table);

  /** The table's current version, or empty when it does not exist. */
  OptionalLong version(TableId table);

  /** The table's rows as of a version: for readers that must see the same rows twice. */
  Dataset<Row> read(TableId table, long version);

  /**
   * The rows changed after version {@code after} up to {@code upTo}, with the change type
   * ({@code _change_type}: insert, update_preimage, update_postimage, delete) and
   * {@code _commit_version}; empty when the table does not keep a change feed for all of them.
   */
  Optional<Dataset<Row>> changes(TableId table, long after, long upTo);

  /** The tables of a namespace, in name order; empty when there are none. */
  List<TableId> tables(String namespace);

  /** The namespaces that hold at least one table, in name order. */
  List<String> namespaces();

  /**
   * Makes every table addressable in Spark SQL of this session as {@code namespace.table}.
   * Call again after tables were added.
   */
  void registerTables();
}
