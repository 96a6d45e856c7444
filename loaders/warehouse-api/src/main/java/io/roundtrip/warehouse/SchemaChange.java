package io.roundtrip.warehouse;

import org.apache.spark.sql.types.StructType;

/**
 * A pending change to a table's schema. Build it, preview it with {@link #apply()}, then
 * {@link #commit()} it once. For a table that does not exist, committing creates it.
 *
 * <p>Only additions: the warehouse never changes an existing column's type, because that rewrites
 * the table; values that do not fit go to the discards table instead.
 */
public interface SchemaChange {

  /**
   * Adds a nullable column at the end. Adding a column that exists with the same type does
   * nothing.
   *
   * @throws IllegalArgumentException "Cannot add column x as t: it exists as u"
   */
  SchemaChange addColumn(String name, ColumnType type);

  /** The schema the table will have after {@link #commit()}; changes nothing. */
  StructType apply();

  /** True when committing would change nothing. */
  boolean isEmpty();

  /** Applies the change to the table in one commit. */
  void commit();
}
