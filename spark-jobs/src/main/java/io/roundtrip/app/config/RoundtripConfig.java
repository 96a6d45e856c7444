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
    Map<String, SourceConfig> sources, ModelsConfig models, List<SyncConfig> syncs) {

  @JsonCreator
  public RoundtripConfig {
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
    return new RoundtripConfig(null, null, null, null, null, null);
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
  public record SourceConfig(String input, String dedupWindow) {}
}
