package io.roundtrip.app.cli;

import io.roundtrip.app.config.ConfigFile;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.runtime.RoundtripContext;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that touches the warehouse shares: where the config is, and overrides of it. */
public final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: ./roundtrip.yml when it exists).")
  Path config;

  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "Warehouse folder or URI; overrides warehouse.path (default ./warehouse).")
  String warehouse;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[2]; overrides spark.master. Ignored under spark-submit.")
  String master;

  public RoundtripConfig load() {
    RoundtripConfig loaded = ConfigFile.load(config, System.getenv());
    return new RoundtripConfig(
        warehouse == null ? loaded.warehouse()
            : new RoundtripConfig.WarehouseConfig(loaded.warehouse().type(), warehouse),
        master == null ? loaded.spark() : new RoundtripConfig.SparkConfig(master, loaded.spark().conf()),
        loaded.load(),
        loaded.sources(),
        loaded.models());
  }

  public RoundtripContext context() {
    return new RoundtripContext(load());
  }
}
