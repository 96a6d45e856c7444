package io.roundtrip.reverseetl.destinations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a fake server received it.
 *
 * @param path decoded path
 * @param rawPath the path as it was sent (percent-encoded)
 * @param query raw query string, empty when none
 * @param headers header names lower-cased
 * @param body the exact bytes
 */
public record RecordedRequest(
    String method, String path, String rawPath, String query, Map<String, List<String>> headers, byte[] body) {

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public JsonNode json() {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as form parameters ({@code application/x-www-form-urlencoded}). */
  public Map<String, String> form() {
    return decodePairs(bodyText());
  }

  public Map<String, String> queryParams() {
    return decodePairs(query);
  }

  public boolean is(String expectedMethod, String pathSuffix) {
    return method.equalsIgnoreCase(expectedMethod) && path.endsWith(pathSuffix);
  }

  static Map<String, String> decodePairs(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return pairs;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return pairs;
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query);
  }
}
