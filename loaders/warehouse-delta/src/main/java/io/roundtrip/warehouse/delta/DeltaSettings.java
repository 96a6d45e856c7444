package io.roundtrip.warehouse.delta;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings a session needs for the Delta warehouse. The application and the tests both
 * build their sessions with these, so what is tested is what runs.
 */
public final class DeltaSettings {

  private DeltaSettings() {}

  public static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    // Delta's catalog, which also finds the registered warehouse's tables by name (WarehouseCatalog)
    settings.put("spark.sql.catalog.spark_catalog", WarehouseCatalog.class.getName());
    // Every timestamp in the warehouse is UTC; the session must not shift them to the JVM's zone.
    settings.put("spark.sql.session.timeZone", "UTC");
    settings.put("spark.sql.datetime.java8API.enabled", "true");
    // Parquet's INT96 timestamps are deprecated, and dictionary-encoding them as 12-byte binaries
    // is the single most expensive part of writing event tables, which have five timestamp columns.
    settings.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    // Delta rebuilds a table's state with this many tasks; the default of 50 is for big clusters
    // and makes every small-table commit slow.
    settings.put("spark.databricks.delta.snapshotPartitions", "4");
    // Statistics for data skipping on the first 8 columns of new tables: in the loader's tables
    // these are the ids and timestamps (received_at first among them). Delta's default of 32
    // costs a third of a load's write time on wide event tables and helps no query we know of.
    settings.put("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols",
        String.valueOf(FileStatistics.INDEXED_COLUMNS));
    // Commits to local folders without Hadoop's local file system, which forks a process per file
    // (see LocalFileLogStore); Delta Kernel's commits use the same store.
    settings.put("spark.delta.logStore.file.impl", LocalFileLogStore.class.getName());
    return settings;
  }

  public static SparkSession.Builder apply(SparkSession.Builder builder) {
    settings().forEach(builder::config);
    return builder;
  }
}
