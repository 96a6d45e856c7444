package io.roundtrip.warehouse.delta;

import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WarehouseProvider;
import io.roundtrip.warehouse.WarehouseSettings;
import org.apache.spark.sql.SparkSession;

/**
 * {@code warehouse.type: delta}: Delta Lake tables under {@code warehouse.path}, a local folder or
 * any Hadoop file system URI ({@code <path>/<namespace>/<table>}). The session must have the
 * {@link DeltaSettings}.
 */
public final class DeltaWarehouses implements WarehouseProvider {

  public static final String TYPE = "delta";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Warehouse open(SparkSession spark, WarehouseSettings settings) {
    return at(spark, settings.require("path"));
  }

  /** The Delta warehouse under {@code root}. */
  public static Warehouse at(SparkSession spark, String root) {
    return new DeltaWarehouse(spark, root);
  }
}
