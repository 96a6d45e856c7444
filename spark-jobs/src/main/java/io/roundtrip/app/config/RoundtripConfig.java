package io.roundtrip.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.roundtrip.warehouse.WarehouseSettings;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code roundtrip.yml}. Every section is optional; the defaults run on a laptop with the
 * warehouse in {@code ./warehouse}. The README documents each field.
 */
public record RoundtripConfig(WarehouseConfig warehouse, SparkConfig spark, LoadConfig load,
    Map<String, SourceConfig> sources, ModelsConfig models, List<SyncConfig> syncs, SqlConfig sql) {

  /** Without a {@code sql} section (the defaults). */
  public RoundtripConfig(WarehouseConfig warehouse, SparkConfig spark, LoadConfig load,
      Map<String, SourceConfig> sources, ModelsConfig models, List<SyncConfig> syncs) {
    this(warehouse, spark, load, sources, models, syncs, null);
  }

  @JsonCreator
  public RoundtripConfig {
    sql = sql == null ? SqlConfig.DEFAULT : sql;
    warehouse = warehouse == null ? WarehouseConfig.DEFAULT : warehouse;
    spark = spark == null ? SparkConfig.DEFAULT : spark;
    load = load == null ? LoadConfig.DEFAULT : load;
    sources = sources == null ? Map.of() : new LinkedHashMap<>(sources);
    models = models == null ? ModelsConfig.DEFAULT : models;
    syncs = syncs == null ? List.of() : List.copyOf(syncs);
    Set<String> names = new HashSet<>();
    for (SyncConfig sync : syncs) {
      if (!names.add(sync.name())) {
        throw new IllegalArgumentException("syncs: the name \"" + sync.name() + "\" is used twice");
      }
    }
  }

  /** The sync called {@code name}. */
  public SyncConfig sync(String name) {
    return syncs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new ConfigException(
        "No sync named \"" + name + "\" in the config" + (syncs.isEmpty() ? " (it has no syncs: section)"
            : "; it has " + syncs.stream().map(SyncConfig::name).toList())));
  }

  public static RoundtripConfig defaults() {
    return new RoundtripConfig(null, null, null, null, null, null, null);
  }

  /** Where the tables live. */
  public record WarehouseConfig(String type, String path) {
    public static final WarehouseConfig DEFAULT = new WarehouseConfig(null, null);

    public WarehouseConfig {
      type = type == null ? "delta" : type;
      path = path == null ? "./warehouse" : path;
      if (!type.equals("delta")) {
        throw new IllegalArgumentException("warehouse.type \"" + type + "\" is not supported; use delta");
      }
    }

    /** What the warehouse backend of {@link #type} reads. */
    public WarehouseSettings settings() {
      return new WarehouseSettings(type, java.util.Map.of("path", path));
    }
  }

  /** The Spark session. Under spark-submit, the master given there wins. */
  public record SparkConfig(String master, Map<String, String> conf) {
    public static final SparkConfig DEFAULT = new SparkConfig(null, null);

    public SparkConfig {
      master = master == null ? "local[*]" : master;
      conf = conf == null ? Map.of() : new LinkedHashMap<>(conf);
    }
  }

  /** Defaults for every source's loads. */
  public record LoadConfig(String dedupWindow, Integer parallelWrites) {
    public static final LoadConfig DEFAULT = new LoadConfig(null, null);

    public LoadConfig {
      dedupWindow = dedupWindow == null ? "7d" : dedupWindow;
      parallelWrites = parallelWrites == null ? 4 : parallelWrites;
    }
  }

  /** One source: its archive and, optionally, its own dedup window. */
  public record SourceConfig(String input, String dedupWindow) {}
}
