package io.roundtrip.reverseetl.destinations.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response a fake server sends. */
public record Reply(int status, Map<String, String> headers, String body) {

  public Reply {
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
  }

  public static Reply json(int status, String body) {
    return new Reply(status, Map.of("Content-Type", "application/json"), body);
  }

  public static Reply status(int status) {
    return new Reply(status, Map.of(), "");
  }

  public static Reply text(int status, String body) {
    return new Reply(status, Map.of("Content-Type", "text/plain"), body);
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, more, body);
  }
}
