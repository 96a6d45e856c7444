package io.roundtrip.app.config;

/** The configuration is missing, unreadable or wrong; the message says where. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
