package io.roundtrip.app.config;

import java.util.List;

/**
 * A setting of {@code roundtrip.yml} with a value that cannot work, found while the file is read.
 * It names the setting's key relative to the mapping being read (a sync, a destination), so
 * {@link ConfigFile} can point at the key's line; it reaches the user as a {@link
 * ConfigException} (exit code 3).
 */
public final class InvalidSetting extends IllegalArgumentException {

  private final List<String> key;

  /** @param key the key's path below the mapping being read: names, and {@code [i]} for list items */
  public InvalidSetting(String message, String... key) {
    super(message);
    this.key = List.of(key);
  }

  public List<String> key() {
    return key;
  }
}
