package io.roundtrip.warehouse.delta;

import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.testing.WarehouseContract;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The warehouse contract on Delta tables in a temporary folder. */
class DeltaWarehouseContractTest extends WarehouseContract {

  @Override
  protected SparkSession spark() {
    return SharedSpark.session();
  }

  @Override
  protected Warehouse open(Path dir) {
    return DeltaWarehouses.at(spark(), dir.resolve("warehouse").toString());
  }
}
