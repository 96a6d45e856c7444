package io.roundtrip.app.cli;

import io.roundtrip.app.config.ConfigFile;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.runtime.RoundtripContext;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that touches the warehouse shares: where the config is, and overrides of it. */
public final class ConfigOptions {

  /** Where ${NAME} references and credentials are read from: the process environment, or a test's. */
  private final Map<String, String> env;

  public ConfigOptions() {
    this(System.getenv());
  }

  public ConfigOptions(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public Map<String, String> env() {
    return env;
  }

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: ./roundtrip.yml when it exists).")
  Path config;

  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "Warehouse folder or URI; overrides warehouse.path (default ./warehouse).")
  String warehouse;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[2]; overrides spark.master. Ignored under spark-submit.")
  String master;

  /**
   * These overrides ({@code --warehouse}, {@code --master}) over another file, with more variables
   * for its {@code ${NAME}} references: how the demo runs its own configuration.
   */
  public ConfigOptions over(Path file, Map<String, String> moreEnv) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putAll(moreEnv);
    ConfigOptions options = new ConfigOptions(all);
    options.config = file;
    options.warehouse = warehouse;
    options.master = master;
    return options;
  }

  /** The options as given, to pass on to commands run for this one (the pipeline's tasks). */
  public java.util.List<String> arguments() {
    java.util.List<String> args = new java.util.ArrayList<>();
    if (config != null) {
      args.addAll(java.util.List.of("--config", config.toAbsolutePath().toString()));
    }
    if (warehouse != null) {
      args.addAll(java.util.List.of("--warehouse", warehouse));
    }
    if (master != null) {
      args.addAll(java.util.List.of("--master", master));
    }
    return args;
  }

  public RoundtripConfig load() {
    RoundtripConfig loaded = ConfigFile.load(config, env);
    return new RoundtripConfig(
        warehouse == null ? loaded.warehouse()
            : loaded.warehouse().withPath(warehouse),
        master == null ? loaded.spark() : new RoundtripConfig.SparkConfig(master, loaded.spark().conf()),
        loaded.load(),
        loaded.sources(),
        loaded.models(),
        loaded.syncs(),
        loaded.sql(),
        loaded.schedule(),
        loaded.pipeline());
  }

  public RoundtripContext context() {
    return new RoundtripContext(load());
  }
}
