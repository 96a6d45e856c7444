package io.roundtrip.reverseetl.destinations.ambassador;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.FakeHttpServer;
import io.roundtrip.reverseetl.destinations.http.RecordedRequest;
import io.roundtrip.reverseetl.destinations.http.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmbassadorDestinationTest {

  private static final String USER = "acme";
  private static final String TOKEN = "tok-9f8e7d";
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
  private static final String UPDATE = "/ambassador/update";
  private static final String RECORD = "/event/record";

  private FakeAmbassador ambassador;

  @BeforeEach
  void start() {
    ambassador = new FakeAmbassador(USER, TOKEN);
    ambassador.start();
  }

  @AfterEach
  void stop() {
    ambassador.close();
  }

  private AmbassadorDestination ambassadors(String groupId) {
    return new AmbassadorDestination(AmbassadorConfig.ambassadors(USER, TOKEN, groupId)
        .withBaseUrl(ambassador.apiBase()).withTimeout(SHORT_TIMEOUT));
  }

  private AmbassadorDestination conversions(Map<String, String> campaigns) {
    return new AmbassadorDestination(AmbassadorConfig.conversions(USER, TOKEN, campaigns)
        .withBaseUrl(ambassador.apiBase()).withTimeout(SHORT_TIMEOUT));
  }

  private static SyncRecord record(String key, Map<String, Object> fields) {
    return new SyncRecord(key, fields, fields.hashCode(), "idem-" + key + "-" + fields.hashCode());
  }

  private static SyncRecord person(String key, String email) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("email", email);
    fields.put("first_name", "Ada");
    fields.put("custom1", "gold");
    fields.put("uid", 42L);
    return record(key, fields);
  }

  private static SyncRecord conversion(String key, String email, String url) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("email", email);
    fields.put("url", url);
    fields.put("revenue", 49.9);
    return record(key, fields);
  }

  // ambassadors

  @Test
  void upsertsAnAmbassadorWithItsFieldsFormEncoded() {
    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.ambassador("ada@example.com")).hasValueSatisfying(fields -> assertThat(fields)
        .containsEntry("first_name", "Ada").containsEntry("custom1", "gold").containsEntry("uid", "42"));
    RecordedRequest request = ambassador.requests().get(0);
    assertThat(request.path()).isEqualTo("/api/v2/acme/" + TOKEN + "/json/ambassador/update");
    assertThat(request.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-www-form-urlencoded"));
  }

  @Test
  void sendsOneRequestPerRecord() {
    List<RecordResult> results = ambassadors(null).push(Operation.INSERT,
        List.of(person("1", "ada@example.com"), person("2", "bob@example.com")));

    assertThat(results).containsExactly(RecordResult.ok(), RecordResult.ok());
    assertThat(ambassador.requestCount("POST", UPDATE)).isEqualTo(2);
  }

  @Test
  void upsertsAnAmbassadorAndAddsItToTheGroup() {
    List<RecordResult> results = ambassadors("12").push(Operation.ADD, List.of(person("1", "ada@example.com")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.groupsOf("ada@example.com")).containsExactly("12");
    assertThat(ambassador.ambassador("ada@example.com")).isPresent();
  }

  @Test
  void removesAnAmbassadorFromTheGroup() {
    AmbassadorDestination destination = ambassadors("12");
    destination.push(Operation.ADD, List.of(person("1", "ada@example.com")));

    List<RecordResult> results = destination.push(Operation.REMOVE, List.of(person("1", "ada@example.com")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.groupsOf("ada@example.com")).isEmpty();
    assertThat(ambassador.requests().get(1).form()).containsEntry("remove_from_group_id", "12");
  }

  @Test
  void groupOperationsNeedAConfiguredGroup() {
    AmbassadorDestination destination = ambassadors(null);

    assertThat(destination.operations()).containsExactlyInAnyOrder(Operation.INSERT, Operation.UPDATE, Operation.UPSERT);
    assertThat(ambassadors("12").operations()).contains(Operation.ADD, Operation.REMOVE).doesNotContain(Operation.DELETE);
    assertThatThrownBy(() -> destination.push(Operation.ADD, List.of(person("1", "ada@example.com"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyOperationIsIdempotent() {
    assertThat(ambassadors("12").idempotent(Operation.UPSERT)).isTrue();
    assertThat(conversions(Map.of("example.com", "1")).idempotent(Operation.INSERT)).isTrue();
  }

  @Test
  void aRecordWithoutEmailIsRejectedWithoutSending() {
    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT, List.of(record("1", Map.of("first_name", "Ada"))));

    assertThat(results).containsExactly(new RecordResult.Rejected("email is required", false));
    assertThat(ambassador.requests()).isEmpty();
  }

  @Test
  void aNestedFieldIsRejectedWithoutSending() {
    SyncRecord nested = record("1", Map.of("email", "ada@example.com", "custom2", Map.of("a", 1)));

    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT, List.of(nested));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) results.get(0)).reason()).contains("custom2");
    assertThat(ambassador.requests()).isEmpty();
  }

  @Test
  void booleansAreSentAsOneAndZero() {
    SyncRecord flags = record("1", Map.of("email", "ada@example.com", "send_welcome_email", false, "custom3", true));

    ambassadors(null).push(Operation.UPSERT, List.of(flags));

    assertThat(ambassador.requests().get(0).form()).containsEntry("send_welcome_email", "0").containsEntry("custom3", "1");
  }

  @Test
  void reportsAnErrorInTheBodyEvenWithHttp200() {
    ambassador.enqueue("POST", UPDATE, Reply.json(200, ambassador.error(400, "The email address is invalid.")));

    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    RecordResult.Rejected rejected = (RecordResult.Rejected) results.get(0);
    assertThat(rejected.reason()).contains("400").contains("The email address is invalid.");
    assertThat(rejected.wholeBatch()).isFalse();
  }

  @Test
  void aRejectedRecordDoesNotStopTheRestOfTheBatch() {
    ambassador.enqueue("POST", UPDATE, Reply.json(200, ambassador.error(400, "The email address is invalid.")));

    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT,
        List.of(person("1", "ada@example"), person("2", "bob@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(results.get(1)).isEqualTo(RecordResult.ok());
  }

  @Test
  void aServerErrorInTheBodyIsRetry() {
    ambassador.enqueue("POST", UPDATE, Reply.json(200, ambassador.error(500, "Try again.")));

    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aMalformedBodyIsRetryBecauseUpdatesAreIdempotent() {
    ambassador.enqueue("POST", UPDATE, Reply.text(200, "<html>maintenance</html>"));

    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aTimeoutIsRetryBecauseUpdatesAreIdempotent() {
    ambassador.enqueue("POST", UPDATE, new FakeHttpServer.ApplyThenHold());

    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aRateLimitStopsTheBatchAndSurfacesRetryAfter() {
    ambassador.enqueue("POST", UPDATE, Reply.json(429, "{}").withHeader("Retry-After", "30"));

    List<RecordResult> results = ambassadors(null).push(Operation.UPSERT,
        List.of(person("1", "ada@example.com"), person("2", "bob@example.com")));

    assertThat(results).allSatisfy(result -> assertThat(((RecordResult.Retry) result).retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    assertThat(ambassador.requests()).hasSize(1);
  }

  @Test
  void wrongCredentialsAreRejected() {
    AmbassadorDestination wrong = new AmbassadorDestination(AmbassadorConfig.ambassadors(USER, "not-the-token", null)
        .withBaseUrl(ambassador.apiBase()).withTimeout(SHORT_TIMEOUT));

    List<RecordResult> results = wrong.push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) results.get(0)).reason()).contains("401").doesNotContain("not-the-token");
  }

  @Test
  void credentialsNeverAppearInResults() {
    String echoedPath = "/api/v2/acme/" + TOKEN + "/json/ambassador/update";
    ambassador.enqueue("POST", UPDATE, Reply.text(500, "upstream failed for " + echoedPath));
    ambassador.enqueue("POST", UPDATE, Reply.json(200, ambassador.error(400, "bad token " + TOKEN)));
    AmbassadorDestination destination = ambassadors(null);

    List<RecordResult> results = destination.push(Operation.UPSERT, List.of(person("1", "ada@example.com")));
    results = List.of(results.get(0), destination.push(Operation.UPSERT, List.of(person("1", "ada@example.com"))).get(0));

    assertThat(results).hasSize(2).allSatisfy(result -> assertThat(result.toString()).doesNotContain(TOKEN).contains("[redacted]"));
    assertThat(AmbassadorConfig.ambassadors(USER, TOKEN, null).toString()).doesNotContain(TOKEN);
  }

  // conversions

  @Test
  void recordsOneCommissionPerMatchingCampaign() {
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("example.com/checkout", "100");
    campaigns.put("*.example.com/checkout/*", "200");
    campaigns.put("other.com", "300");

    List<RecordResult> results = conversions(campaigns).push(Operation.INSERT,
        List.of(conversion("o-1", "ada@example.com", "https://www.example.com/checkout/done")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.commissions()).extracting(FakeAmbassador.Commission::campaignUid).containsExactly("100", "200");
    assertThat(ambassador.commissions()).allSatisfy(commission -> {
      assertThat(commission.email()).isEqualTo("ada@example.com");
      assertThat(commission.params()).containsEntry("revenue", "49.9").doesNotContainKey("url");
    });
  }

  @Test
  void aConversionMatchingNoCampaignIsRejectedWithoutSending() {
    List<RecordResult> results = conversions(Map.of("example.com/checkout", "100")).push(Operation.INSERT,
        List.of(conversion("o-1", "ada@example.com", "https://example.com/blog")));

    assertThat(results).containsExactly(new RecordResult.Rejected("no campaign matches url https://example.com/blog", false));
    assertThat(ambassador.requests()).isEmpty();
  }

  @Test
  void theIdempotencyKeyIsTheTransactionUidWhenNoneIsMapped() {
    SyncRecord order = conversion("o-1", "ada@example.com", "https://example.com");

    conversions(Map.of("example.com", "100")).push(Operation.INSERT, List.of(order));

    assertThat(ambassador.commissions().get(0).transactionUid()).isEqualTo(order.idempotencyKey());
  }

  @Test
  void aMappedTransactionUidIsUsedAsIs() {
    Map<String, Object> fields = new LinkedHashMap<>(conversion("o-1", "ada@example.com", "https://example.com").fields());
    fields.put("transaction_uid", "order-9001");

    conversions(Map.of("example.com", "100")).push(Operation.INSERT, List.of(record("o-1", fields)));

    assertThat(ambassador.commissions().get(0).transactionUid()).isEqualTo("order-9001");
  }

  @Test
  void aResentCommissionIsRecordedOnce() {
    AmbassadorDestination destination = conversions(Map.of("example.com", "100"));
    SyncRecord order = conversion("o-1", "ada@example.com", "https://example.com");

    List<RecordResult> first = destination.push(Operation.INSERT, List.of(order));
    List<RecordResult> resent = destination.push(Operation.INSERT, List.of(order));

    assertThat(first).containsExactly(RecordResult.ok());
    assertThat(resent).containsExactly(RecordResult.ok());
    assertThat(ambassador.commissions()).hasSize(1);
    assertThat(ambassador.requestCount("POST", RECORD)).isEqualTo(2);
  }

  @Test
  void aCommissionWhoseResponseWasLostIsRecordedOnceWhenResent() {
    AmbassadorDestination destination = conversions(Map.of("example.com", "100"));
    SyncRecord order = conversion("o-1", "ada@example.com", "https://example.com");
    ambassador.enqueue("POST", RECORD, new FakeHttpServer.ApplyThenHold());

    RecordResult lost = destination.push(Operation.INSERT, List.of(order)).get(0);
    RecordResult resent = destination.push(Operation.INSERT, List.of(order)).get(0);

    assertThat(lost).isInstanceOf(RecordResult.Retry.class);
    assertThat(resent).isEqualTo(RecordResult.ok());
    assertThat(ambassador.commissions()).hasSize(1);
  }

  @Test
  void aPartlyRecordedConversionIsCompletedByTheResend() {
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("example.com", "100");
    campaigns.put("*.example.com", "200");
    AmbassadorDestination destination = conversions(campaigns);
    SyncRecord order = conversion("o-1", "ada@example.com", "https://example.com");
    ambassador.enqueue("POST", RECORD, new FakeHttpServer.Apply());
    ambassador.enqueue("POST", RECORD, Reply.status(503));

    RecordResult partly = destination.push(Operation.INSERT, List.of(order)).get(0);
    RecordResult resent = destination.push(Operation.INSERT, List.of(order)).get(0);

    assertThat(partly).isInstanceOf(RecordResult.Retry.class);
    assertThat(resent).isEqualTo(RecordResult.ok());
    assertThat(ambassador.commissions()).extracting(FakeAmbassador.Commission::campaignUid).containsExactly("100", "200");
  }

  @Test
  void conversionsOnlyInsert() {
    assertThat(conversions(Map.of("example.com", "1")).operations()).containsExactly(Operation.INSERT);
  }

  @Test
  void aMappedCampaignUidIsRefusedBecauseTheUrlChoosesTheCampaign() {
    Map<String, Object> fields = new LinkedHashMap<>(conversion("o-1", "ada@example.com", "https://example.com").fields());
    fields.put("campaign_uid", "999");

    RecordResult result = conversions(Map.of("example.com", "100")).push(Operation.INSERT, List.of(record("o-1", fields))).get(0);

    assertThat(result).isInstanceOf(RecordResult.Rejected.class);
    assertThat(ambassador.requests()).isEmpty();
  }
}
