package io.roundtrip.app.runtime;

import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.Warehouses;
import io.roundtrip.warehouse.delta.DeltaSettings;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * What a command runs against: the configuration, and a Spark session and warehouse made from it
 * on first use (commands that need neither never start Spark).
 */
public final class RoundtripContext implements AutoCloseable {

  private final RoundtripConfig config;
  private SparkSession spark;
  /** Whether this context started Spark (and so stops it); an embedding program's session is left running. */
  private boolean ownsSpark;

  public RoundtripContext(RoundtripConfig config) {
    this.config = config;
  }

  public RoundtripConfig config() {
    return config;
  }

  public SparkSession spark() {
    if (spark == null) {
      ownsSpark = SparkSession.getDefaultSession().isEmpty();
      spark = startSpark(config);
    }
    return spark;
  }

  public Warehouse warehouse() {
    try {
      return Warehouses.open(spark(), config.warehouse().settings());
    } catch (IllegalArgumentException e) {
      // a key the backend needs, or the password's variable, is missing: the configuration's fault
      throw new io.roundtrip.app.config.ConfigException(e.getMessage(), e);
    }
  }

  /** The naming rules of the warehouse's dialect: its reserved words and name length. */
  public NameRules names() {
    return new NameRules(switch (config.warehouse().type()) {
      case "postgres" -> Dialect.POSTGRES;
      case "snowflake" -> Dialect.SNOWFLAKE;
      default -> Dialect.DELTA;
    });
  }

  /**
   * Local runs get the configured master and settings fit for one machine; under spark-submit the
   * master and resources come from spark-submit, and only Roundtrip's own settings are added.
   */
  static SparkSession startSpark(RoundtripConfig config) {
    SparkSession.Builder builder = DeltaSettings.apply(SparkSession.builder()).appName("roundtrip");
    SparkConf submitted = new SparkConf();
    String master = submitted.contains("spark.master") ? submitted.get("spark.master") : config.spark().master();
    builder.master(master);
    if (master.startsWith("local")) {
      int cores = Runtime.getRuntime().availableProcessors();
      builder.config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * cores)))
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.warehouse.dir", config.warehouse().path() + "/_spark_catalog");
    }
    config.spark().conf().forEach(builder::config);
    SparkSession session = builder.getOrCreate();
    session.sparkContext().setLogLevel("WARN");
    return session;
  }

  @Override
  public void close() {
    if (spark != null && ownsSpark) {
      spark.stop();
    }
    spark = null;
  }
}
