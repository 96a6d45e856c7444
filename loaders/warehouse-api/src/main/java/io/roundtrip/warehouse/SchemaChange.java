package io.roundtrip.warehouse;

import org.apache.spark.sql.types.StructType;

/**
 * A pending change to a table's schema. Build it, preview it with {@link #apply()}, then
 * {@link #commit()} it once. For a table that does not exist, committing creates it.
 *
 * <p>Columns are added, or widened to a type that holds every value they have (bigint to double);
 * nothing is ever dropped or narrowed.
 */
public interface SchemaChange {

  /**
   * Adds a nullable column at the end. Adding a column that exists with the same type does
   * nothing.
   *
   * @throws IllegalArgumentException "Cannot add column x as t: it exists as u"
   */
  SchemaChange addColumn(String name, ColumnType type);

  /**
   * Changes an existing column to a wider type that holds each of its values exactly: only bigint
   * to double, and only when the caller knows no value is beyond 2^53. Backends that cannot change
   * a type in place rewrite the table in the same commit.
   *
   * @throws IllegalArgumentException "Cannot widen column x from t to u"
   */
  SchemaChange widenColumn(String name, ColumnType type);

  /** The schema the table will have after {@link #commit()}; changes nothing. */
  StructType apply();

  /** True when committing would change nothing. */
  boolean isEmpty();

  /** Applies the change to the table in one commit. */
  void commit();
}
