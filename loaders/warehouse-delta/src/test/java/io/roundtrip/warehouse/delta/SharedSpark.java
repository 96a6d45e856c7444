package io.roundtrip.warehouse.delta;

import io.roundtrip.warehouse.delta.DeltaSettings;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM (Surefire runs one reused fork per module). Starting
 * Spark takes seconds, so every test class shares it; each test uses its own warehouse folder.
 */
public final class SharedSpark {

  private SharedSpark() {}

  public static SparkSession session() {
    return DeltaSettings.apply(SparkSession.builder())
        .master("local[2]")
        .appName("roundtrip-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/roundtrip-test-spark-warehouse")
        .getOrCreate();
  }
}
