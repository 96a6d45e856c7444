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
 *
 * @param schedule the pipeline's cron (or {@code @daily}, ...) for the generated Airflow DAG
 * @param pipeline how the job graph runs (see {@link PipelineConfig})
 */
public record RoundtripConfig(WarehouseConfig warehouse, SparkConfig spark, LoadConfig load,
    Map<String, SourceConfig> sources, ModelsConfig models, List<SyncConfig> syncs, SqlConfig sql, String schedule,
    PipelineConfig pipeline) {

  /** Without a {@code sql} section (the defaults). */
  public RoundtripConfig(WarehouseConfig warehouse, SparkConfig spark, LoadConfig load,
      Map<String, SourceConfig> sources, ModelsConfig models, List<SyncConfig> syncs) {
    this(warehouse, spark, load, sources, models, syncs, null);
  }

  /** With the pipeline's schedule and settings the defaults. */
  public RoundtripConfig(WarehouseConfig warehouse, SparkConfig spark, LoadConfig load,
      Map<String, SourceConfig> sources, ModelsConfig models, List<SyncConfig> syncs, SqlConfig sql) {
    this(warehouse, spark, load, sources, models, syncs, sql, null, null);
  }

  /** This configuration with another warehouse: how a benchmark or a demo points a user's settings at its own. */
  public RoundtripConfig withWarehouse(WarehouseConfig other) {
    return new RoundtripConfig(other, spark, load, sources, models, syncs, sql, schedule, pipeline);
  }

  @JsonCreator
  public RoundtripConfig {
    sql = sql == null ? SqlConfig.DEFAULT : sql;
    schedule = schedule == null ? "@daily" : schedule;
    try {
      io.roundtrip.orchestration.airflow.DagSettings.cron(schedule);
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting(e.getMessage(), "schedule");
    }
    pipeline = pipeline == null ? PipelineConfig.DEFAULT : pipeline;
    warehouse = warehouse == null ? WarehouseConfig.DEFAULT : warehouse;
    spark = spark == null ? SparkConfig.DEFAULT : spark;
    load = load == null ? LoadConfig.DEFAULT : load;
    sources = sources == null ? Map.of() : new LinkedHashMap<>(sources);
    models = models == null ? ModelsConfig.DEFAULT : models;
    syncs = syncs == null ? List.of() : List.copyOf(syncs);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < syncs.size(); i++) {
      if (!names.add(syncs.get(i).name())) {
        throw new InvalidSetting("the sync name \"" + syncs.get(i).name() + "\" is used twice", "syncs", "[" + i + "]",
            "name");
      }
    }
    checkOrder(syncs, names);
  }

  /** Every {@code after} names a sync of the file, and following them never comes back to where it started. */
  private static void checkOrder(List<SyncConfig> syncs, Set<String> names) {
    Map<String, List<String>> after = new LinkedHashMap<>();
    syncs.forEach(sync -> after.put(sync.name(), sync.after()));
    for (int i = 0; i < syncs.size(); i++) {
      SyncConfig sync = syncs.get(i);
      for (String before : sync.after()) {
        if (!names.contains(before)) {
          throw new InvalidSetting("sync " + sync.name() + " runs after \"" + before + "\", which is not a sync here; "
              + "the syncs are " + after.keySet(), "syncs", "[" + i + "]", "after");
        }
      }
      List<String> cycle = cycleFrom(sync.name(), after, new java.util.ArrayList<>());
      if (cycle != null) {
        throw new InvalidSetting("syncs cannot run after each other in a circle: " + String.join(" after ", cycle),
            "syncs", "[" + i + "]", "after");
      }
    }
  }

  private static List<String> cycleFrom(String sync, Map<String, List<String>> after, List<String> path) {
    if (path.contains(sync)) {
      List<String> cycle = new java.util.ArrayList<>(path.subList(path.indexOf(sync), path.size()));
      cycle.add(sync);
      return cycle;
    }
    path.add(sync);
    for (String before : after.getOrDefault(sync, List.of())) {
      List<String> cycle = cycleFrom(before, after, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    return null;
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

  /**
   * Where the tables live: a Delta folder ({@code path}), or a database over JDBC ({@code jdbc_url},
   * {@code user}, {@code password_env}; Snowflake also {@code database}, {@code role},
   * {@code compute_warehouse}). For a database, {@code path} is the local folder of what is not in
   * it (sync state, Spark's scratch catalog). The password is never a value here: only the name of
   * the environment variable that holds it.
   */
  public record WarehouseConfig(String type, String path, String jdbcUrl, String user, String passwordEnv,
      String database, String role, String computeWarehouse) {
    /** Before {@link #DEFAULT}, which its constructor checks against. */
    static final java.util.List<String> TYPES = java.util.List.of("delta", "postgres", "snowflake");
    public static final WarehouseConfig DEFAULT = new WarehouseConfig(null, null);

    @JsonCreator
    public WarehouseConfig {
      type = type == null ? "delta" : type;
      path = path == null ? "./warehouse" : path;
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException("warehouse.type \"" + type + "\" is not supported; use delta, postgres or snowflake");
      }
      if (type.equals("delta")) {
        for (var key : new String[][] {{"jdbc_url", jdbcUrl}, {"user", user}, {"password_env", passwordEnv}}) {
          if (key[1] != null) {
            throw new IllegalArgumentException("warehouse." + key[0] + " is for warehouse.type postgres or snowflake, not delta");
          }
        }
      } else if (jdbcUrl == null || jdbcUrl.isBlank()) {
        throw new IllegalArgumentException("warehouse.jdbc_url is required for warehouse.type " + type);
      }
      if (!type.equals("snowflake")) {
        for (var key : new String[][] {{"database", database}, {"role", role}, {"compute_warehouse", computeWarehouse}}) {
          if (key[1] != null) {
            throw new IllegalArgumentException("warehouse." + key[0] + " is for warehouse.type snowflake, not " + type);
          }
        }
      }
      if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("warehouse.password_env must be the name of an environment variable"
            + " (letters, digits, _), not its value");
      }
    }

    /** A Delta warehouse, or the given type's defaults. */
    public WarehouseConfig(String type, String path) {
      this(type, path, null, null, null, null, null, null);
    }

    /** The same warehouse with another local folder ({@code --warehouse DIR}). */
    public WarehouseConfig withPath(String newPath) {
      return new WarehouseConfig(type, newPath, jdbcUrl, user, passwordEnv, database, role, computeWarehouse);
    }

    /** What the warehouse backend of {@link #type} reads. */
    public WarehouseSettings settings() {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("path", path);
      java.util.function.BiConsumer<String, String> put = (key, value) -> {
        if (value != null) {
          values.put(key, value);
        }
      };
      put.accept("jdbc_url", jdbcUrl);
      put.accept("user", user);
      put.accept("password_env", passwordEnv);
      put.accept("database", database);
      put.accept("role", role);
      put.accept("compute_warehouse", computeWarehouse);
      return new WarehouseSettings(type, values);
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
  /**
   * @param sync selective sync: which track events and which properties reach the warehouse
   */
  public record SourceConfig(String input, String dedupWindow, SelectiveSync sync) {

    public SourceConfig(String input, String dedupWindow) {
      this(input, dedupWindow, null);
    }

    public SourceConfig {
      sync = sync == null ? SelectiveSync.ALL : sync;
    }
  }

  /**
   * {@code sources.<name>.sync}: {@code include_events} / {@code exclude_events} (track event names as
   * sent, or globs), {@code exclude_properties} (event name or {@code *} -> dotted paths).
   */
  public record SelectiveSync(List<String> includeEvents, List<String> excludeEvents,
      Map<String, List<String>> excludeProperties) {

    public static final SelectiveSync ALL = new SelectiveSync(null, null, null);

    public SelectiveSync {
      includeEvents = includeEvents == null ? List.of() : List.copyOf(includeEvents);
      excludeEvents = excludeEvents == null ? List.of() : List.copyOf(excludeEvents);
      excludeProperties = excludeProperties == null ? Map.of() : Map.copyOf(excludeProperties);
    }
  }
}
