package io.roundtrip.reverseetl.destinations.http;

import io.roundtrip.reverseetl.secrets.Redactor;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.destination.RecordResult;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonHttpClientTest {

  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private FakeHttpServer server;
  private JsonHttpClient client;

  @BeforeEach
  void start() {
    server = new FakeHttpServer(request -> Reply.json(200, "{\"ok\": true}"));
    server.start();
    client = client(server.baseUri().resolve("api/"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonHttpClient client(URI base) {
    return new JsonHttpClient(base, Map.of("Authorization", "Token s3cret"), SHORT_TIMEOUT,
        Redactor.of("s3cret"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void sendsTheJsonBodyWithTheClientsAndTheCallsHeaders() {
    HttpReply reply = client.send(client.postJson("contacts/", Map.of("email", "a@example.com"), true)
        .withHeaders(Map.of("X-Extra", "1")));

    assertThat(reply.ok()).isTrue();
    RecordedRequest request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/contacts/");
    assertThat(request.header("Authorization")).contains("Token s3cret");
    assertThat(request.header("X-Extra")).contains("1");
    assertThat(request.header("Content-Type")).contains("application/json");
    assertThat(request.json().get("email").asText()).isEqualTo("a@example.com");
    assertThat(((HttpReply.Received) reply).json().get("ok").asBoolean()).isTrue();
  }

  @Test
  void sendsFormParametersEncoded() {
    client.send(client.postForm("ambassador/update", Map.of("email", "a+b@example.com"), true));

    RecordedRequest request = server.requests().get(0);
    assertThat(request.header("Content-Type")).contains("application/x-www-form-urlencoded");
    assertThat(request.form()).containsEntry("email", "a+b@example.com");
  }

  @Test
  void appendsPathsToABaseUrlWithoutTrailingSlash() {
    JsonHttpClient noSlash = client(URI.create(server.baseUri() + "api"));

    noSlash.send(HttpCall.get("contacts/?email=a%40example.com"));

    RecordedRequest request = server.requests().get(0);
    assertThat(request.path()).isEqualTo("/api/contacts/");
    assertThat(request.queryParams()).containsEntry("email", "a@example.com");
  }

  @Test
  void anEmptyPathIsTheBaseUrlItself() {
    JsonHttpClient hook = client(URI.create(server.baseUri() + "hooks/roundtrip"));

    hook.send(HttpCall.post("", new byte[] {'{', '}'}, HttpCall.JSON, true));

    assertThat(server.requests().get(0).path()).isEqualTo("/hooks/roundtrip");
  }

  @Test
  void anEmptySuccessBodyIsOk() {
    server.enqueue("DELETE", "/lists/1/contacts/2", Reply.status(204));

    assertThat(client.send(HttpCall.delete("lists/1/contacts/2")).result()).isEqualTo(RecordResult.ok());
  }

  @Test
  void aSuccessWhoseBodyIsNotJsonIsRetryWhenTheCallIsIdempotent() {
    server.enqueue("POST", "/contacts/", Reply.text(200, "<html>Welcome to the hotel wifi</html>"));

    RecordResult result = client.send(client.postJson("contacts/", Map.of(), true)).result();

    assertThat(result).isInstanceOf(RecordResult.Retry.class);
    assertThat(((RecordResult.Retry) result).reason()).contains("not JSON").contains("hotel wifi");
  }

  @Test
  void aSuccessWhoseBodyIsNotJsonIsUnknownWhenTheCallIsNotIdempotent() {
    server.enqueue("POST", "/v2/survey/", Reply.json(200, "{\"truncated\": "));

    RecordResult result = client.send(client.postJson("v2/survey/", Map.of(), false)).result();

    assertThat(result).isInstanceOf(RecordResult.Unknown.class);
  }

  @Test
  void trailingGarbageAfterJsonIsNotJson() {
    server.enqueue("POST", "/contacts/", Reply.json(200, "{} <html>"));

    assertThat(client.send(client.postJson("contacts/", Map.of(), true)).result()).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void rateLimitSurfacesRetryAfter() {
    server.enqueue("POST", "/contacts/", Reply.json(429, "{\"detail\": \"slow down\"}").withHeader("Retry-After", "7"));

    RecordResult result = client.send(client.postJson("contacts/", Map.of(), true)).result();

    assertThat(result).isInstanceOf(RecordResult.Retry.class);
    assertThat(((RecordResult.Retry) result).retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredFromTheClientsClock() {
    server.enqueue("GET", "/contacts/", Reply.status(503).withHeader("Retry-After", "Sat, 01 Mar 2025 12:01:00 GMT"));

    RecordResult result = client.send(HttpCall.get("contacts/")).result();

    assertThat(((RecordResult.Retry) result).retryAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aClientErrorIsRejectedForTheWholeRequestAndItsJsonIsStillParsed() {
    server.enqueue("POST", "/contacts/", Reply.json(400, "{\"email\": [\"Enter a valid email address.\"]}"));

    HttpReply reply = client.send(client.postJson("contacts/", Map.of(), true));

    assertThat(reply.result()).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) reply.result()).wholeBatch()).isTrue();
    assertThat(((HttpReply.Received) reply).json().path("email").get(0).asText()).isEqualTo("Enter a valid email address.");
  }

  @Test
  void aTimeoutOfAnIdempotentCallIsRetry() {
    server.enqueue("POST", "/contacts/", new FakeHttpServer.Hold());

    HttpReply reply = client.send(client.postJson("contacts/", Map.of(), true));

    assertThat(reply).isInstanceOf(HttpReply.NotReceived.class);
    assertThat(reply.result()).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aTimeoutOfANonIdempotentCallIsUnknown() {
    server.enqueue("POST", "/v2/survey/", new FakeHttpServer.Hold());

    assertThat(client.send(client.postJson("v2/survey/", Map.of(), false)).result()).isInstanceOf(RecordResult.Unknown.class);
  }

  @Test
  void aRefusedConnectionIsRetryEvenWhenTheCallIsNotIdempotent() {
    FakeHttpServer gone = new FakeHttpServer(request -> Reply.status(200));
    gone.start();
    URI address = gone.baseUri();
    gone.close();

    RecordResult result = client(address).send(client.postJson("v2/survey/", Map.of(), false)).result();

    assertThat(result).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void credentialsNeverAppearInResults() {
    server.enqueue("POST", "/contacts/", Reply.text(500, "invalid header Authorization: Token s3cret"));

    RecordResult result = client.send(client.postJson("contacts/", Map.of(), true)).result();

    assertThat(((RecordResult.Retry) result).reason()).doesNotContain("s3cret").contains(Redactor.MASK);
  }
}
