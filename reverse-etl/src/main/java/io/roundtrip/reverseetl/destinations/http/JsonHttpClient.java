package io.roundtrip.reverseetl.destinations.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.roundtrip.reverseetl.delivery.ResponseClassifier;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.secrets.Redactor;
import io.roundtrip.reverseetl.urls.UrlEncoding;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Makes one HTTP request per call against a base URL and says what the response means for the
 * records it carried. It never retries, sleeps or throws for an HTTP or transport failure: those
 * come back as a {@link HttpReply} whose result the caller reports.
 *
 * <p>HTTP/1.1 is used on purpose: destinations send one request at a time, so HTTP/2 multiplexing
 * buys nothing, and a plain-http base URL (a test fake, a webhook receiver) would otherwise get an
 * {@code h2c} upgrade attempt.
 */
public final class JsonHttpClient {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final URI baseUrl;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final Redactor redactor;
  private final Clock clock;
  private final HttpClient http;
  private final ObjectMapper mapper;

  /**
   * @param baseUrl what request paths are appended to
   * @param headers sent with every request (authorization, accept)
   * @param timeout for connecting and for the whole response
   * @param redactor applied to every reason this client produces
   * @param clock for turning a {@code Retry-After} date into a duration
   */
  public JsonHttpClient(
      URI baseUrl, Map<String, String> headers, Duration timeout, Redactor redactor, Clock clock) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("base URL needs a scheme and a host: " + redactor.redact(baseUrl.toString()));
    }
    this.headers = Map.copyOf(headers);
    this.timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(this.timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    // "{} <html>" is not the API's JSON: trailing garbage makes the body unparseable
    this.mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public JsonHttpClient(URI baseUrl, Map<String, String> headers, Duration timeout, Redactor redactor) {
    this(baseUrl, headers, timeout, redactor, Clock.systemUTC());
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public Redactor redactor() {
    return redactor;
  }

  /** A JSON POST of {@code body} serialized with this client's mapper. */
  public HttpCall postJson(String path, Object body, boolean idempotent) {
    return HttpCall.post(path, json(body), HttpCall.JSON, idempotent);
  }

  /** A form POST, for APIs that read {@code application/x-www-form-urlencoded} parameters. */
  public HttpCall postForm(String path, Map<String, String> params, boolean idempotent) {
    return HttpCall.post(path, UrlEncoding.form(params).getBytes(StandardCharsets.UTF_8), HttpCall.FORM, idempotent);
  }

  public byte[] json(Object body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // only values that are not JSON-serializable get here: a programming error, not an outcome
      throw new IllegalArgumentException("cannot serialize request body: " + e.getOriginalMessage(), e);
    }
  }

  public HttpReply send(HttpCall call) {
    HttpRequest request = request(call);
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new HttpReply.NotReceived(redactor.redact(ResponseClassifier.classify(e, call.idempotent())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // the request may already be out, exactly like a timeout
      InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the response");
      return new HttpReply.NotReceived(redactor.redact(ResponseClassifier.classify(interrupted, call.idempotent())));
    }
    return received(call, response);
  }

  private HttpRequest request(HttpCall call) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(target(call.path())).timeout(timeout);
    headers.forEach(builder::header);
    call.headers().forEach(builder::header);
    if (call.contentType() != null) {
      builder.header("Content-Type", call.contentType());
    }
    HttpRequest.BodyPublisher body =
        call.body().length == 0 && !"POST".equals(call.method())
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(call.body());
    return builder.method(call.method(), body).build();
  }

  private URI target(String path) {
    if (path.isEmpty()) {
      return baseUrl;
    }
    String base = baseUrl.toString();
    String relative = path.startsWith("/") ? path.substring(1) : path;
    // plain concatenation: URI.resolve drops the base's last segment when it lacks a slash
    String target = base.endsWith("/") ? base + relative : base + "/" + relative;
    try {
      return URI.create(target);
    } catch (IllegalArgumentException e) {
      // the message quotes the URL, and the URL may hold a token
      throw new IllegalArgumentException("invalid request URL: " + redactor.redact(target));
    }
  }

  private HttpReply received(HttpCall call, HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body();
    JsonNode json = parse(body);
    int status = response.statusCode();
    RecordResult result;
    if (status >= 200 && status < 300 && call.expectJson() && !body.isBlank() && json.isMissingNode()) {
      result = untrustedSuccess(call, status, body);
    } else {
      result = ResponseClassifier.classify(status, response.headers().firstValue("Retry-After"), body, clock.instant(),
          call.idempotent());
    }
    return new HttpReply.Received(status, response.headers(), body, json, redactor.redact(result));
  }

  /**
   * A 2xx whose body is not the JSON the API always sends may come from something in between (a
   * proxy, a captive portal), so it does not prove the call was applied. Replaying is harmless
   * only for an idempotent call; otherwise the engine must ask the destination first.
   */
  private static RecordResult untrustedSuccess(HttpCall call, int status, String body) {
    String reason = "HTTP " + status + " with a body that is not JSON: " + abbreviate(body);
    return call.idempotent() ? new RecordResult.Retry(reason, null) : new RecordResult.Unknown(reason);
  }

  private JsonNode parse(String body) {
    if (body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = mapper.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (JsonProcessingException | UncheckedIOException e) {
      return MissingNode.getInstance();
    }
  }

  static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  /** No URL or headers: they carry credentials. */
  @Override
  public String toString() {
    return "JsonHttpClient[" + baseUrl.getHost() + "]";
  }
}
