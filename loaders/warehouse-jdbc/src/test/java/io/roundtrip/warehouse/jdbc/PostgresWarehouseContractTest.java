package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import io.roundtrip.warehouse.testing.WarehouseContract;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The warehouse contract on PostgreSQL (an embedded server, a new database per test). */
class PostgresWarehouseContractTest extends WarehouseContract {

  @Override
  protected SparkSession spark() {
    return SharedSpark.session();
  }

  @Override
  protected Warehouse open(Path dir) {
    return Postgres.newWarehouse(Postgres.newDatabase());
  }
}
