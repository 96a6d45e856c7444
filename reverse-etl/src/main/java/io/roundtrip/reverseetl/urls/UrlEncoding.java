package io.roundtrip.reverseetl.urls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Percent-encoding for the pieces a destination puts into a URL or a form body. Its own package
 * because two sides need it: the HTTP destinations encode with it, and the redactor must know
 * every form a secret takes once encoded (Ambassador's token travels in the URL path).
 */
public final class UrlEncoding {

  private UrlEncoding() {}

  /** One path segment: unlike a query value, a space is {@code %20}, not {@code +}. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** One query or form value. */
  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code application/x-www-form-urlencoded}, in the map's order. */
  public static String form(Map<String, String> params) {
    StringJoiner joined = new StringJoiner("&");
    params.forEach((name, value) -> joined.add(query(name) + "=" + query(value)));
    return joined.toString();
  }
}
