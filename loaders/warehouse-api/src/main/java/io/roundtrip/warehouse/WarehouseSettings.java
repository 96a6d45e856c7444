package io.roundtrip.warehouse;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code warehouse:} section of the configuration: its {@code type} and the backend's own keys
 * ({@code path} for Delta; {@code jdbc_url}, {@code user}, {@code password_env} for JDBC). Secrets
 * are never values here, only the names of the environment variables that hold them.
 */
public record WarehouseSettings(String type, Map<String, String> values) {

  public WarehouseSettings {
    values = Map.copyOf(values);
  }

  public static WarehouseSettings delta(String path) {
    return new WarehouseSettings("delta", Map.of("path", path));
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The value of a key the backend cannot do without. */
  public String require(String key) {
    return get(key).orElseThrow(() -> new IllegalArgumentException(
        "warehouse." + key + " is required for warehouse.type " + type));
  }
}
