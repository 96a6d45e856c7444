package io.roundtrip.reverseetl.destinations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.FakeHttpServer;
import io.roundtrip.reverseetl.destinations.http.RecordedRequest;
import io.roundtrip.reverseetl.destinations.http.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDestinationTest {

  private static final String SECRET = "whsec-abc123";
  /** For the test of a timeout; the others wait long enough for a loaded machine to answer. */
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private FakeWebhookReceiver receiver;

  @BeforeEach
  void start() {
    receiver = new FakeWebhookReceiver(SECRET);
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private WebhookConfig config(String syncName, String secret) {
    return WebhookConfig.of(receiver.hookUrl(), syncName, secret).withTimeout(TIMEOUT);
  }

  private WebhookDestination destination() {
    return new WebhookDestination(config("crm-contacts", SECRET), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static SyncRecord record(String key, String email) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("email", email);
    fields.put("plan", "gold");
    fields.put("tags", List.of("a", "b"));
    return new SyncRecord(key, fields, fields.hashCode(), "idem-" + key + "-" + email);
  }

  private static final List<SyncRecord> BATCH = List.of(record("1", "ada@example.com"), record("2", "bob@example.com"));

  @Test
  void postsTheBatchAsOneJsonDelivery() {
    List<RecordResult> results = destination().push(Operation.UPSERT, BATCH);

    assertThat(results).containsExactly(RecordResult.ok(), RecordResult.ok());
    assertThat(receiver.requests()).hasSize(1);
    JsonNode body = receiver.requests().get(0).json();
    assertThat(body.get("sync").asText()).isEqualTo("crm-contacts");
    assertThat(body.get("operation").asText()).isEqualTo("upsert");
    assertThat(body.get("delivery_id").asText()).isEqualTo(receiver.requests().get(0).header("X-Roundtrip-Delivery").orElseThrow());
    assertThat(body.get("records")).hasSize(2);
    JsonNode first = body.get("records").get(0);
    assertThat(first.get("key").asText()).isEqualTo("1");
    assertThat(first.get("idempotency_key").asText()).isEqualTo(BATCH.get(0).idempotencyKey());
    assertThat(first.at("/fields/email").asText()).isEqualTo("ada@example.com");
    assertThat(first.at("/fields/tags/1").asText()).isEqualTo("b");
  }

  @Test
  void signsTheExactBodyWithHmacSha256() {
    destination().push(Operation.UPSERT, BATCH);

    RecordedRequest request = receiver.requests().get(0);
    String expected = "sha256=" + HexFormat.of().formatHex(receiver.hmac(request.body()));
    assertThat(request.header("X-Roundtrip-Signature")).contains(expected);
    assertThat(receiver.deliveries().get(0).signatureValid()).isTrue();
  }

  @Test
  void aReceiverWithAnotherSecretRefusesTheWholeBatch() {
    WebhookDestination wrongSecret = new WebhookDestination(config("crm-contacts", "not-the-secret"));

    List<RecordResult> results = wrongSecret.push(Operation.UPSERT, BATCH);

    assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(results.get(0)));
    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) results.get(0)).wholeBatch()).isTrue();
    assertThat(receiver.appliedDeliveries()).isEmpty();
  }

  @Test
  void sendsTheTimestampOfTheSend() {
    destination().push(Operation.UPSERT, BATCH);

    assertThat(receiver.requests().get(0).header("X-Roundtrip-Timestamp")).contains(Long.toString(NOW.getEpochSecond()));
  }

  @Test
  void sameBatchHasTheSameDeliveryId() {
    destination().push(Operation.UPSERT, BATCH);
    destination().push(Operation.UPSERT, List.of(record("1", "ada@example.com"), record("2", "bob@example.com")));

    List<FakeWebhookReceiver.Delivery> deliveries = receiver.deliveries();
    assertThat(deliveries.get(1).deliveryId()).isEqualTo(deliveries.get(0).deliveryId());
    assertThat(receiver.appliedDeliveries()).hasSize(1);
  }

  @Test
  void aDifferentBatchHasADifferentDeliveryId() {
    String upsert = DeliveryId.of("crm-contacts", Operation.UPSERT, BATCH);

    assertThat(DeliveryId.of("crm-contacts", Operation.DELETE, BATCH)).isNotEqualTo(upsert);
    assertThat(DeliveryId.of("other-sync", Operation.UPSERT, BATCH)).isNotEqualTo(upsert);
    assertThat(DeliveryId.of("crm-contacts", Operation.UPSERT, BATCH.subList(0, 1))).isNotEqualTo(upsert);
    assertThat(DeliveryId.of("crm-contacts", Operation.UPSERT, List.of(BATCH.get(1), BATCH.get(0)))).isNotEqualTo(upsert);
    assertThat(DeliveryId.of("crm-contacts", Operation.UPSERT, List.of(record("1", "ada@example.org"), BATCH.get(1))))
        .isNotEqualTo(upsert);
  }

  @Test
  void theSameBatchIsTheSameBytesWhateverTheFieldMapOrder() {
    Map<String, Object> sorted = new TreeMap<>(Map.of("b", 2L, "a", 1L, "nested", new HashMap<>(Map.of("y", 1L, "x", 2L))));
    Map<String, Object> reversed = new LinkedHashMap<>();
    reversed.put("nested", new LinkedHashMap<>(Map.of("x", 2L, "y", 1L)));
    reversed.put("b", 2L);
    reversed.put("a", 1L);

    destination().push(Operation.UPSERT, List.of(new SyncRecord("1", sorted, 1, "k1")));
    destination().push(Operation.UPSERT, List.of(new SyncRecord("1", reversed, 1, "k1")));

    assertThat(receiver.requests().get(1).body()).isEqualTo(receiver.requests().get(0).body());
  }

  @Test
  void aTimedOutDeliveryIsRetryAndTheResendIsAppliedOnce() {
    receiver.enqueue("POST", "/hooks/roundtrip", new FakeHttpServer.ApplyThenHold());
    WebhookDestination destination = new WebhookDestination(
        config("crm-contacts", SECRET).withTimeout(SHORT_TIMEOUT), Clock.fixed(NOW, ZoneOffset.UTC));

    List<RecordResult> timedOut = destination.push(Operation.UPSERT, BATCH);
    List<RecordResult> resent = destination.push(Operation.UPSERT, BATCH);

    assertThat(timedOut).allSatisfy(result -> assertThat(result).isInstanceOf(RecordResult.Retry.class));
    assertThat(resent).containsOnly(RecordResult.ok());
    assertThat(receiver.deliveries()).hasSize(2);
    assertThat(receiver.appliedDeliveries()).hasSize(1);
  }

  @Test
  void aServerErrorIsRetryForTheWholeBatch() {
    receiver.enqueue("POST", "/hooks/roundtrip", Reply.status(503).withHeader("Retry-After", "12"));

    List<RecordResult> results = destination().push(Operation.UPSERT, BATCH);

    assertThat(results).hasSize(2).allSatisfy(result ->
        assertThat(((RecordResult.Retry) result).retryAfter()).isEqualTo(Duration.ofSeconds(12)));
  }

  @Test
  void aRefusedBatchIsRejectedAsAWholeSoTheEngineSplitsIt() {
    receiver.enqueue("POST", "/hooks/roundtrip", Reply.json(422, "{\"error\": \"record 2 has no email\"}"));
    receiver.enqueue("POST", "/hooks/roundtrip", Reply.json(422, "{\"error\": \"record 2 has no email\"}"));

    List<RecordResult> batch = destination().push(Operation.UPSERT, BATCH);
    List<RecordResult> single = destination().push(Operation.UPSERT, BATCH.subList(1, 2));

    assertThat(batch).allSatisfy(result -> assertThat(((RecordResult.Rejected) result).wholeBatch()).isTrue());
    assertThat(((RecordResult.Rejected) single.get(0)).wholeBatch()).isFalse();
    assertThat(((RecordResult.Rejected) single.get(0)).reason()).contains("record 2 has no email");
  }

  @Test
  void anyResponseBodyIsFineForASuccess() {
    receiver.enqueue("POST", "/hooks/roundtrip", Reply.text(200, "thanks!"));

    assertThat(destination().push(Operation.UPSERT, BATCH)).containsOnly(RecordResult.ok());
  }

  @Test
  void everyOperationIsAllowedIdempotentAndNamedInTheBody() {
    WebhookDestination destination = destination();

    assertThat(destination.operations()).containsExactlyInAnyOrder(Operation.values());
    for (Operation operation : Operation.values()) {
      assertThat(destination.idempotent(operation)).isTrue();
      destination.push(operation, BATCH.subList(0, 1));
    }
    assertThat(receiver.requests()).extracting(r -> r.json().get("operation").asText())
        .containsExactly("insert", "update", "upsert", "delete", "add", "remove");
  }

  @Test
  void anEmptyBatchSendsNothing() {
    assertThat(destination().push(Operation.UPSERT, List.of())).isEmpty();
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void credentialsNeverAppearInResults() {
    receiver.enqueue("POST", "/hooks/roundtrip", Reply.text(400, "expected a signature made with " + SECRET));

    RecordResult result = destination().push(Operation.UPSERT, BATCH).get(0);

    assertThat(result.toString()).doesNotContain(SECRET).contains("[redacted]");
    assertThat(config("crm-contacts", SECRET).toString()).doesNotContain(SECRET);
  }
}
