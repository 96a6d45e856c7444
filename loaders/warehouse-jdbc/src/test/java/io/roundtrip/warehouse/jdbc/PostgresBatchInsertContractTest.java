package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import io.roundtrip.warehouse.testing.WarehouseContract;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse contract on PostgreSQL with Snowflake's way of staging rows (batched,
 * parameterised INSERTs instead of COPY): the dialect-neutral path Snowflake takes, run where it
 * can be.
 */
class PostgresBatchInsertContractTest extends WarehouseContract {

  @Override
  protected SparkSession spark() {
    return SharedSpark.session();
  }

  @Override
  protected Warehouse open(Path dir) {
    Connector connector = new Connector(PostgresDialect.INSTANCE, Postgres.newDatabase(), "postgres", null, Map.of());
    return new JdbcWarehouse(spark(), connector, SqlDialect.Staging.BATCH_INSERT);
  }
}
