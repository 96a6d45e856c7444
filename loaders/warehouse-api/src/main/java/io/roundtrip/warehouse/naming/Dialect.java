package io.roundtrip.warehouse.naming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a warehouse allows in a name: its reserved words and its identifier length limit.
 *
 * <p>The reserved-word lists are RudderStack's (rudder-transformer
 * {@code src/warehouse/config/ReservedKeywords.json}); the limits are the ones RudderStack cuts to:
 * 63 bytes on Postgres, 127 characters on Snowflake and Delta Lake.
 */
public enum Dialect {
  DELTA("deltalake", 127),
  POSTGRES("postgres", 63),
  SNOWFLAKE("snowflake", 127);

  private final int maxNameLength;
  private final Set<String> reservedWords;

  Dialect(String listName, int maxNameLength) {
    this.maxNameLength = maxNameLength;
    this.reservedWords = readReservedWords("reserved-" + listName + ".txt");
  }

  public int maxNameLength() {
    return maxNameLength;
  }

  public boolean isReserved(String name) {
    return reservedWords.contains(name.toUpperCase(Locale.ROOT));
  }

  private static Set<String> readReservedWords(String resource) {
    try (InputStream in = Dialect.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines()
          .map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
