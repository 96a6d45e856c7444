package io.roundtrip.warehouse;

import org.apache.spark.sql.SparkSession;

/**
 * Opens one kind of warehouse. Backends register theirs in
 * {@code META-INF/services/io.roundtrip.warehouse.WarehouseProvider}; {@link Warehouses#open}
 * picks the one whose {@link #type()} the configuration names.
 */
public interface WarehouseProvider {

  /** The {@code warehouse.type} it opens. */
  String type();

  Warehouse open(SparkSession spark, WarehouseSettings settings);
}
