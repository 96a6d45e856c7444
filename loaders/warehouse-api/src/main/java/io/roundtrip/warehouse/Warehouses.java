package io.roundtrip.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.sql.SparkSession;

/** Opens the warehouse a configuration names, through the backend registered for its type. */
public final class Warehouses {

  private Warehouses() {}

  public static Warehouse open(SparkSession spark, WarehouseSettings settings) {
    List<String> known = new ArrayList<>();
    for (WarehouseProvider provider : ServiceLoader.load(WarehouseProvider.class)) {
      if (provider.type().equals(settings.type())) {
        return provider.open(spark, settings);
      }
      known.add(provider.type());
    }
    known.sort(null);
    throw new IllegalArgumentException("Unknown warehouse.type '" + settings.type() + "'; known: "
        + String.join(", ", known));
  }
}
