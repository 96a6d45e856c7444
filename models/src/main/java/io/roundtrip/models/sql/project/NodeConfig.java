package io.roundtrip.models.sql.project;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node's configuration, merged as dbt merges it: {@code dbt_project.yml} folders from the top
 * down, then the properties YAML, then {@code config(...)} in the file; the later wins, except
 * {@code tags}, which add up. Keys are dbt's ({@code materialized}, {@code schema}, {@code unique_key}, ...).
 */
public record NodeConfig(Map<String, Object> values) {

  public static final Set<String> MATERIALIZATIONS = Set.of("view", "table", "incremental", "ephemeral", "seed", "test");
  public static final Set<String> STRATEGIES = Set.of("append", "merge", "time_range");
  public static final Set<String> ON_SCHEMA_CHANGE = Set.of("fail", "ignore", "append_new_columns", "sync_all_columns");

  public static final NodeConfig EMPTY = new NodeConfig(Map.of());

  public NodeConfig {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** This config with {@code more} laid over it. */
  public NodeConfig with(Map<String, Object> more) {
    Map<String, Object> merged = new LinkedHashMap<>(values);
    more.forEach((key, value) -> {
      String k = key.startsWith("+") ? key.substring(1) : key;
      k = k.replace('-', '_');
      if (k.equals("tags")) {
        Set<String> tags = new LinkedHashSet<>(strings(merged.get("tags")));
        tags.addAll(strings(value));
        merged.put("tags", new ArrayList<>(tags));
      } else {
        merged.put(k, value);
      }
    });
    return new NodeConfig(merged);
  }

  public Optional<String> string(String key) {
    Object value = values.get(key);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  public String materialized(String defaultValue) {
    return string("materialized").map(s -> s.toLowerCase(Locale.ROOT)).orElse(defaultValue);
  }

  /** The custom schema ({@code schema: x} writes to {@code <target>_x}), if any. */
  public Optional<String> schema() {
    return string("schema").filter(s -> !s.isBlank());
  }

  public Optional<String> alias() {
    return string("alias").filter(s -> !s.isBlank());
  }

  public List<String> tags() {
    return strings(values.get("tags"));
  }

  public boolean enabled() {
    Object value = values.get("enabled");
    return value == null || !(Boolean.FALSE.equals(value) || "false".equalsIgnoreCase(String.valueOf(value)));
  }

  /** {@code unique_key}: a column, a list of columns, or a comma-separated string of them. */
  public List<String> uniqueKey() {
    Object value = values.get("unique_key");
    if (value instanceof String s) {
      return List.of(s.split("\\s*,\\s*"));
    }
    return strings(value);
  }

  public String incrementalStrategy() {
    return string("incremental_strategy").map(s -> s.toLowerCase(Locale.ROOT))
        .orElse(uniqueKey().isEmpty() ? "append" : "merge");
  }

  /** {@code time_column} (or dbt's {@code event_time}) of the time_range strategy. */
  public Optional<String> timeColumn() {
    return string("time_column").or(() -> string("event_time"));
  }

  /** {@code on_schema_change}; Roundtrip's default is {@code fail} (dbt's is ignore). */
  public String onSchemaChange() {
    return string("on_schema_change").map(s -> s.toLowerCase(Locale.ROOT)).orElse("fail");
  }

  /** A test's severity: {@code error} (default) or {@code warn}. */
  public String severity() {
    return string("severity").map(s -> s.toLowerCase(Locale.ROOT)).orElse("error");
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> columnTypes() {
    Object value = values.get("column_types");
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  /** Whether {@code --full-refresh} may rebuild the model ({@code full_refresh: false} protects it). */
  public boolean fullRefreshAllowed() {
    Object value = values.get("full_refresh");
    return value == null || !(Boolean.FALSE.equals(value) || "false".equalsIgnoreCase(String.valueOf(value)));
  }

  static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }

  /** The first problem with the values, if any: an unknown materialization, strategy, ... */
  public Optional<String> problem() {
    String materialized = materialized("view");
    if (!MATERIALIZATIONS.contains(materialized)) {
      return Optional.of("unknown materialized '" + materialized + "'; known: ephemeral, incremental, table, view");
    }
    if (values.containsKey("incremental_strategy") && !STRATEGIES.contains(incrementalStrategy())) {
      return Optional.of("unknown incremental_strategy '" + incrementalStrategy() + "'; known: append, merge, time_range");
    }
    if (!ON_SCHEMA_CHANGE.contains(onSchemaChange())) {
      return Optional.of("unknown on_schema_change '" + onSchemaChange()
          + "'; known: append_new_columns, fail, ignore, sync_all_columns");
    }
    if (!severity().equals("error") && !severity().equals("warn")) {
      return Optional.of("unknown severity '" + severity() + "'; known: error, warn");
    }
    if (materialized.equals("incremental") && incrementalStrategy().equals("merge") && uniqueKey().isEmpty()) {
      return Optional.of("incremental_strategy 'merge' needs a unique_key");
    }
    if (materialized.equals("incremental") && incrementalStrategy().equals("time_range") && timeColumn().isEmpty()) {
      return Optional.of("incremental_strategy 'time_range' needs a time_column");
    }
    return Optional.empty();
  }
}
