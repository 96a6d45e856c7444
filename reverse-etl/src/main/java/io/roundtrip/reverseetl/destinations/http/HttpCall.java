package io.roundtrip.reverseetl.destinations.http;

import java.util.Map;
import java.util.Objects;

/**
 * One request to make.
 *
 * @param method GET, POST or DELETE
 * @param path relative to the client's base URL, already encoded (see {@link
 *     io.roundtrip.reverseetl.urls.UrlEncoding}); empty
 *     for the base URL itself
 * @param body the exact bytes to send, empty for none
 * @param contentType of {@code body}, or null when there is none
 * @param headers extra headers for this request only (on top of the client's)
 * @param idempotent whether replaying it is harmless: decides whether a timeout after sending is
 *     worth a Retry or only an Unknown
 * @param expectJson whether a successful response must carry JSON; a 2xx whose body is not JSON
 *     is then not trusted (it may come from a proxy, not the API)
 */
public record HttpCall(
    String method,
    String path,
    byte[] body,
    String contentType,
    Map<String, String> headers,
    boolean idempotent,
    boolean expectJson) {

  public static final String JSON = "application/json";
  public static final String FORM = "application/x-www-form-urlencoded";

  public HttpCall {
    Objects.requireNonNull(method, "method");
    path = path == null ? "" : path;
    body = body == null ? new byte[0] : body;
    headers = Map.copyOf(headers == null ? Map.of() : headers);
  }

  public static HttpCall get(String path) {
    return new HttpCall("GET", path, null, null, Map.of(), true, true);
  }

  public static HttpCall delete(String path) {
    // a DELETE usually answers 204 without a body, so JSON is not required
    return new HttpCall("DELETE", path, null, null, Map.of(), true, false);
  }

  public static HttpCall post(String path, byte[] body, String contentType, boolean idempotent) {
    return new HttpCall("POST", path, body, contentType, Map.of(), idempotent, true);
  }

  public HttpCall withHeaders(Map<String, String> extra) {
    return new HttpCall(method, path, body, contentType, extra, idempotent, expectJson);
  }

  public HttpCall expectingJson(boolean expected) {
    return new HttpCall(method, path, body, contentType, headers, idempotent, expected);
  }

  /** Bodies and headers are left out: they may carry personal data or a signature. */
  @Override
  public String toString() {
    return method + " " + path + " (" + body.length + " bytes)";
  }

  // arrays compare by identity in a record; two calls with the same bytes are the same call
  @Override
  public boolean equals(Object other) {
    return other instanceof HttpCall that
        && method.equals(that.method)
        && path.equals(that.path)
        && java.util.Arrays.equals(body, that.body)
        && Objects.equals(contentType, that.contentType)
        && headers.equals(that.headers)
        && idempotent == that.idempotent
        && expectJson == that.expectJson;
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, java.util.Arrays.hashCode(body), contentType, headers, idempotent, expectJson);
  }
}
