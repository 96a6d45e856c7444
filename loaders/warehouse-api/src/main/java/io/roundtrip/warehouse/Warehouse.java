package io.roundtrip.warehouse;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Where tables live. The loader, the models and the syncs see only this and the optional abilities
 * a backend may add ({@link TimeTravel}, {@link ChangeFeed}, {@link SqlCatalog}); each backend is
 * opened through {@link Warehouses#open} by its {@code warehouse.type}.
 */
public interface Warehouse {

  /** The {@code warehouse.type} this backend answers to: {@code delta}, {@code postgres}, ... */
  String type();

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

  /** The tables of a namespace, in name order; empty when there are none. */
  List<TableId> tables(String namespace);

  /** The namespaces that hold at least one table, in name order. */
  List<String> namespaces();

  /** This warehouse as one of its optional abilities, when it has it. */
  default <T> Optional<T> ability(Class<T> ability) {
    return ability.isInstance(this) ? Optional.of(ability.cast(this)) : Optional.empty();
  }
}
