package io.roundtrip.loaders.warehouse;

import org.apache.spark.sql.SparkSession;

/** Opens warehouses. The implementations stay behind {@link Warehouse}. */
public final class Warehouses {

  private Warehouses() {}

  /**
   * Delta Lake tables under {@code root} (a local folder, or any Hadoop file system URI). The
   * session must have the {@link DeltaSettings}.
   */
  public static Warehouse delta(SparkSession spark, String root) {
    return new DeltaWarehouse(spark, root);
  }
}
