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

/**
 * The Ambassador destination against a fake of Ambassador's API v2, section by section of
 * Segment's Ambassador destination page (Identify, Track, Mapping campaigns to URLs).
 */
class AmbassadorDestinationTest {

  private static final String USER = "acme";
  private static final String TOKEN = "tok-9f8e7d";
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
  private static final String GET = "/ambassador/get";
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

  private AmbassadorDestination identify(String groupId, Map<String, String> campaigns) {
    return new AmbassadorDestination(AmbassadorConfig.identify(USER, TOKEN, groupId, campaigns)
        .withBaseUrl(ambassador.apiBase()).withTimeout(SHORT_TIMEOUT));
  }

  private AmbassadorDestination identify() {
    return identify(null, Map.of());
  }

  private AmbassadorDestination track(Map<String, String> campaigns) {
    return new AmbassadorDestination(AmbassadorConfig.track(USER, TOKEN, campaigns,
        Map.of("Checkout Success", "conversion", "Order Completed", "conversion"))
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

  /** The page's Track example: {@code analytics.track('Checkout Success', {...})}. */
  private static SyncRecord checkout(String key, String email, String url) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event_text", "Checkout Success");
    fields.put("email", email);
    fields.put("url", url);
    fields.put("orderId", "order-123");
    fields.put("revenue", 123.50);
    fields.put("commissionApproved", true);
    fields.put("eventData1", "event 1");
    fields.put("eventData2", "event 2");
    fields.put("eventData3", "event 3");
    return record(key, fields);
  }

  // Identify

  @Test
  void identifyTakesTheTraitsOfThePageExampleWithoutAMapping() {
    // analytics.identify('user1234', {email, firstName, lastName, company, phone, address: {...}})
    Map<String, Object> traits = new LinkedHashMap<>();
    traits.put("userId", "user1234");
    traits.put("email", "anne@example.com");
    traits.put("firstName", "Anne");
    traits.put("lastName", "Stein");
    traits.put("company", "Ambassador");
    traits.put("phone", "123-555-1234");
    traits.put("address", Map.of("street", "1234 Test Rd.", "city", "Wooster", "state", "Ohio",
        "postalCode", "12345", "country", "USA"));

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(record("user1234", traits)));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.ambassador("anne@example.com")).hasValueSatisfying(fields -> assertThat(fields)
        .containsEntry("uid", "user1234").containsEntry("first_name", "Anne").containsEntry("last_name", "Stein")
        .containsEntry("company", "Ambassador").containsEntry("phone", "123-555-1234")
        .containsEntry("street", "1234 Test Rd.").containsEntry("city", "Wooster").containsEntry("state", "Ohio")
        .containsEntry("zip", "12345").containsEntry("country", "USA"));
  }

  @Test
  void theWarehouseColumnsOfTheTraitsAreMappedToo() {
    // the users table as the loader writes it: snake_case, the address flattened
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("user_id", "u-7");
    user.put("email", "bo@example.com");
    user.put("first_name", "Bo");
    user.put("last_name", "Berg");
    user.put("address_city", "Oslo");
    user.put("address_postal_code", "0150");
    user.put("address_country", "NO");

    identify().push(Operation.UPSERT, List.of(record("u-7", user)));

    assertThat(ambassador.ambassador("bo@example.com")).hasValueSatisfying(fields -> assertThat(fields)
        .containsEntry("uid", "u-7").containsEntry("first_name", "Bo").containsEntry("last_name", "Berg")
        .containsEntry("city", "Oslo").containsEntry("zip", "0150").containsEntry("country", "NO"));
  }

  @Test
  void fieldsThatAreNoAmbassadorParameterAreNotSent() {
    Map<String, Object> row = new LinkedHashMap<>(person("1", "ada@example.com").fields());
    row.put("received_at", "2026-01-01T00:00:00Z");
    row.put("context_ip", "10.0.0.1");

    identify().push(Operation.UPSERT, List.of(record("1", row)));

    assertThat(ambassador.requests(("POST"), UPDATE).get(0).form()).doesNotContainKeys("received_at", "context_ip");
  }

  @Test
  void insertCreatesTheAmbassadorAndEnrolsItInTheCampaignItsUrlMatches() {
    // the page's Identify note: the URL campaign map enrols the user as an ambassador
    Map<String, Object> fields = new LinkedHashMap<>(person("1", "ada@example.com").fields());
    fields.put("context_page_url", "https://www.example.com/refer-a-friend");
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("*.example.com/refer-a-friend", "1001");
    campaigns.put("*.example.com/*", "1002");
    campaigns.put("other.com", "1003");

    List<RecordResult> results = identify(null, campaigns).push(Operation.INSERT, List.of(record("1", fields)));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.campaignsOf("ada@example.com")).containsExactlyInAnyOrder("1001", "1002");
    assertThat(ambassador.ambassador("ada@example.com")).hasValueSatisfying(f -> assertThat(f).containsEntry("custom1", "gold"));
    assertThat(ambassador.requests("POST", GET)).allSatisfy(r -> assertThat(r.form()).containsEntry("auto_create", "1"))
        .hasSize(2);
    assertThat(ambassador.requests("POST", UPDATE).get(0).form()).doesNotContainKey("context_page_url");
  }

  @Test
  void anUpsertOfAnExistingAmbassadorIsOneUpdate() {
    ambassador.seed("ada@example.com", Map.of("first_name", "Old"));

    identify().push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(ambassador.requests()).extracting(RecordedRequest::path).singleElement().satisfies(p -> assertThat(p).endsWith(UPDATE));
    assertThat(ambassador.ambassador("ada@example.com")).hasValueSatisfying(f -> assertThat(f).containsEntry("first_name", "Ada"));
  }

  @Test
  void anUpsertOfSomeoneNewCreatesThemThenUpdatesThem() {
    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.requests()).extracting(RecordedRequest::path).extracting(p -> p.substring(p.lastIndexOf("/json/") + 5))
        .containsExactly(UPDATE, GET, UPDATE);
    assertThat(ambassador.ambassador("ada@example.com")).hasValueSatisfying(f -> assertThat(f).containsEntry("custom1", "gold"));
  }

  @Test
  void updateChangesTheAmbassadorsAmbassadorHasAndSkipsTheOthers() {
    ambassador.seed("ada@example.com", Map.of("first_name", "Old"));

    List<RecordResult> results = identify().push(Operation.UPDATE,
        List.of(person("1", "ada@example.com"), person("2", "new@example.com")));

    assertThat(results.get(0)).isEqualTo(RecordResult.ok());
    assertThat(results.get(1)).isInstanceOf(RecordResult.Skipped.class);
    assertThat(((RecordResult.Skipped) results.get(1)).reason()).contains("new@example.com");
    assertThat(ambassador.ambassador("new@example.com")).isEmpty();
    assertThat(ambassador.requestCount("POST", GET)).isZero();
  }

  @Test
  void addPutsTheAmbassadorInTheGroupAndRemoveTakesThemOut() {
    AmbassadorDestination destination = identify("12", Map.of());

    assertThat(destination.push(Operation.ADD, List.of(person("1", "ada@example.com")))).containsExactly(RecordResult.ok());
    assertThat(ambassador.groupsOf("ada@example.com")).containsExactly("12");

    assertThat(destination.push(Operation.REMOVE, List.of(record("ada@example.com", Map.of("email", "ada@example.com")))))
        .containsExactly(RecordResult.ok());
    assertThat(ambassador.groupsOf("ada@example.com")).isEmpty();
    assertThat(ambassador.ambassador("ada@example.com")).isPresent(); // out of the group, still an ambassador
  }

  @Test
  void removingSomeoneAmbassadorDoesNotHaveIsDone() {
    List<RecordResult> results = identify("12", Map.of()).push(Operation.REMOVE,
        List.of(record("x", Map.of("email", "nobody@example.com"))));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.ambassador("nobody@example.com")).isEmpty();
  }

  @Test
  void groupOperationsNeedAConfiguredGroup() {
    AmbassadorDestination destination = identify();

    assertThat(destination.operations()).containsExactlyInAnyOrder(Operation.INSERT, Operation.UPDATE, Operation.UPSERT);
    assertThat(identify("12", Map.of()).operations()).contains(Operation.ADD, Operation.REMOVE).doesNotContain(Operation.DELETE);
    assertThatThrownBy(() -> destination.push(Operation.ADD, List.of(person("1", "ada@example.com"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyOperationIsIdempotent() {
    assertThat(identify("12", Map.of()).idempotent(Operation.UPSERT)).isTrue();
    assertThat(track(Map.of("example.com", "1")).idempotent(Operation.INSERT)).isTrue();
  }

  @Test
  void aRecordWithoutEmailIsRejectedWithoutSending() {
    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(record("1", Map.of("first_name", "Ada"))));

    assertThat(results).containsExactly(new RecordResult.Rejected("email is required", false));
    assertThat(ambassador.requests()).isEmpty();
  }

  @Test
  void aNestedFieldOtherThanTheAddressIsRejectedWithoutSending() {
    SyncRecord nested = record("1", Map.of("email", "ada@example.com", "custom2", Map.of("a", 1)));

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(nested));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) results.get(0)).reason()).contains("custom2");
    assertThat(ambassador.requests()).isEmpty();
  }

  @Test
  void booleansAreSentAsOneAndZero() {
    ambassador.seed("ada@example.com", Map.of());
    SyncRecord flags = record("1", Map.of("email", "ada@example.com", "sandbox", false, "custom3", true));

    identify().push(Operation.UPSERT, List.of(flags));

    assertThat(ambassador.requests().get(0).form()).containsEntry("sandbox", "0").containsEntry("custom3", "1");
  }

  @Test
  void reportsAnErrorInTheBodyEvenWithHttp200() {
    ambassador.enqueue("POST", UPDATE, Reply.json(200, ambassador.error(400, "The email address is invalid.")));

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    RecordResult.Rejected rejected = (RecordResult.Rejected) results.get(0);
    assertThat(rejected.reason()).contains("400").contains("The email address is invalid.");
    assertThat(rejected.wholeBatch()).isFalse();
  }

  @Test
  void aRejectedRecordDoesNotStopTheRestOfTheBatch() {
    ambassador.seed("bob@example.com", Map.of());
    ambassador.enqueue("POST", UPDATE, Reply.json(200, ambassador.error(400, "The email address is invalid.")));

    List<RecordResult> results = identify().push(Operation.UPSERT,
        List.of(person("1", "ada@example"), person("2", "bob@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(results.get(1)).isEqualTo(RecordResult.ok());
  }

  @Test
  void aServerErrorInTheBodyIsRetry() {
    ambassador.enqueue("POST", UPDATE, Reply.json(200, ambassador.error(500, "Try again.")));

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aMalformedBodyIsRetryBecauseUpdatesAreIdempotent() {
    ambassador.enqueue("POST", UPDATE, Reply.text(200, "<html>maintenance</html>"));

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aTimeoutIsRetryBecauseUpdatesAreIdempotent() {
    ambassador.seed("ada@example.com", Map.of());
    ambassador.enqueue("POST", UPDATE, new FakeHttpServer.ApplyThenHold());

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(person("1", "ada@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aRateLimitStopsTheBatchAndSurfacesRetryAfter() {
    ambassador.enqueue("POST", UPDATE, Reply.json(429, "{}").withHeader("Retry-After", "30"));

    List<RecordResult> results = identify().push(Operation.UPSERT,
        List.of(person("1", "ada@example.com"), person("2", "bob@example.com")));

    assertThat(results).allSatisfy(result -> assertThat(((RecordResult.Retry) result).retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    assertThat(ambassador.requests()).hasSize(1);
  }

  @Test
  void wrongCredentialsAreRejected() {
    AmbassadorDestination wrong = new AmbassadorDestination(AmbassadorConfig.identify(USER, "not-the-token", null, Map.of())
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
    AmbassadorDestination destination = identify();

    List<RecordResult> results = destination.push(Operation.UPSERT, List.of(person("1", "ada@example.com")));
    results = List.of(results.get(0), destination.push(Operation.UPSERT, List.of(person("1", "ada@example.com"))).get(0));

    assertThat(results).hasSize(2).allSatisfy(result -> assertThat(result.toString()).doesNotContain(TOKEN).contains("[redacted]"));
    assertThat(AmbassadorConfig.identify(USER, TOKEN, null, Map.of()).toString()).doesNotContain(TOKEN);
  }

  // Track

  @Test
  void theDocumentedPropertiesBecomeTheConversionWithoutAMapping() {
    ambassador.seed("ada@example.com", Map.of());

    List<RecordResult> results = track(Map.of("example.com/checkout", "100")).push(Operation.INSERT,
        List.of(checkout("m-1", "ada@example.com", "https://example.com/checkout")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.commissions()).singleElement().satisfies(commission -> {
      assertThat(commission.transactionUid()).isEqualTo("order-123");
      assertThat(commission.params()).containsEntry("revenue", "123.5").containsEntry("is_approved", "1")
          .containsEntry("event_data1", "event 1").containsEntry("event_data2", "event 2")
          .containsEntry("event_data3", "event 3").containsEntry("campaign_uid", "100")
          .doesNotContainKeys("url", "event_text", "orderId");
    });
  }

  @Test
  void theWarehouseColumnsOfThePropertiesWorkToo() {
    ambassador.seed("ada@example.com", Map.of());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("event", "order_completed");
    row.put("email", "ada@example.com");
    row.put("context_page_url", "https://example.com/checkout");
    row.put("order_id", "o-9");
    row.put("revenue", 10L);
    row.put("commission_approved", false);
    row.put("event_data_1", "x");

    track(Map.of("example.com/checkout", "100")).push(Operation.INSERT, List.of(record("m-2", row)));

    assertThat(ambassador.commissions()).singleElement().satisfies(commission -> {
      assertThat(commission.transactionUid()).isEqualTo("o-9");
      assertThat(commission.params()).containsEntry("is_approved", "0").containsEntry("event_data1", "x");
    });
  }

  @Test
  void onlyEventsTheEventsSettingMapsToAConversionAreRecorded() {
    ambassador.seed("ada@example.com", Map.of());
    Map<String, Object> viewed = new LinkedHashMap<>(checkout("m-3", "ada@example.com", "https://example.com").fields());
    viewed.put("event_text", "Product Viewed");

    List<RecordResult> results = track(Map.of("example.com", "100")).push(Operation.INSERT, List.of(record("m-3", viewed)));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Skipped.class);
    assertThat(((RecordResult.Skipped) results.get(0)).reason()).contains("Product Viewed");
    assertThat(ambassador.requests()).isEmpty();
  }

  @Test
  void aConversionOfSomeoneNotYetAnAmbassadorIsDeferredWithTheReason() {
    // the page: identify must be called before any conversion events
    List<RecordResult> results = track(Map.of("example.com", "100")).push(Operation.INSERT,
        List.of(checkout("m-4", "stranger@example.com", "https://example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Deferred.class);
    assertThat(((RecordResult.Deferred) results.get(0)).reason()).contains("stranger@example.com")
        .contains("identify must come before conversions");
    assertThat(ambassador.commissions()).isEmpty();
    assertThat(ambassador.requests("POST", GET).get(0).form()).doesNotContainKey("auto_create");
  }

  @Test
  void eachPersonIsLookedUpOnce() {
    ambassador.seed("ada@example.com", Map.of());
    AmbassadorDestination destination = track(Map.of("example.com", "100"));
    Map<String, Object> second = new LinkedHashMap<>(checkout("m-6", "ada@example.com", "https://example.com").fields());
    second.put("orderId", "order-124");

    destination.push(Operation.INSERT, List.of(checkout("m-5", "ada@example.com", "https://example.com"), record("m-6", second)));

    assertThat(ambassador.requestCount("POST", GET)).isEqualTo(1);
    assertThat(ambassador.commissions()).hasSize(2);
  }

  @Test
  void recordsOneCommissionPerMatchingCampaign() {
    ambassador.seed("ada@example.com", Map.of());
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("www.example.com/checkout/*", "100");
    campaigns.put("*.example.com/checkout/*", "200");
    campaigns.put("other.com", "300");

    List<RecordResult> results = track(campaigns).push(Operation.INSERT,
        List.of(checkout("m-1", "ada@example.com", "https://www.example.com/checkout/done")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(ambassador.commissions()).extracting(FakeAmbassador.Commission::campaignUid).containsExactly("100", "200");
  }

  @Test
  void aConversionMatchingNoCampaignIsRejectedWithoutSending() {
    List<RecordResult> results = track(Map.of("example.com/checkout", "100")).push(Operation.INSERT,
        List.of(checkout("m-1", "ada@example.com", "https://example.com/blog")));

    assertThat(results).containsExactly(new RecordResult.Rejected("no campaign matches url https://example.com/blog", false));
    assertThat(ambassador.requests()).isEmpty();
  }

  @Test
  void theIdempotencyKeyIsTheTransactionUidWhenTheEventHasNoOrderId() {
    ambassador.seed("ada@example.com", Map.of());
    Map<String, Object> fields = new LinkedHashMap<>(checkout("m-1", "ada@example.com", "https://example.com").fields());
    fields.remove("orderId");
    SyncRecord order = record("m-1", fields);

    track(Map.of("example.com", "100")).push(Operation.INSERT, List.of(order));

    assertThat(ambassador.commissions().get(0).transactionUid()).isEqualTo(order.idempotencyKey());
  }

  @Test
  void aResentCommissionIsRecordedOnce() {
    ambassador.seed("ada@example.com", Map.of());
    AmbassadorDestination destination = track(Map.of("example.com", "100"));
    SyncRecord order = checkout("m-1", "ada@example.com", "https://example.com");

    List<RecordResult> first = destination.push(Operation.INSERT, List.of(order));
    List<RecordResult> resent = destination.push(Operation.INSERT, List.of(order));

    assertThat(first).containsExactly(RecordResult.ok());
    assertThat(resent).containsExactly(RecordResult.ok());
    assertThat(ambassador.commissions()).hasSize(1);
    assertThat(ambassador.requestCount("POST", RECORD)).isEqualTo(2);
  }

  @Test
  void aCommissionWhoseResponseWasLostIsRecordedOnceWhenResent() {
    ambassador.seed("ada@example.com", Map.of());
    AmbassadorDestination destination = track(Map.of("example.com", "100"));
    SyncRecord order = checkout("m-1", "ada@example.com", "https://example.com");
    ambassador.enqueue("POST", RECORD, new FakeHttpServer.ApplyThenHold());

    RecordResult lost = destination.push(Operation.INSERT, List.of(order)).get(0);
    RecordResult resent = destination.push(Operation.INSERT, List.of(order)).get(0);

    assertThat(lost).isInstanceOf(RecordResult.Retry.class);
    assertThat(resent).isEqualTo(RecordResult.ok());
    assertThat(ambassador.commissions()).hasSize(1);
  }

  @Test
  void aPartlyRecordedConversionIsCompletedByTheResend() {
    ambassador.seed("ada@example.com", Map.of());
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("example.com", "100");
    campaigns.put("*.example.com", "200");
    AmbassadorDestination destination = track(campaigns);
    SyncRecord order = checkout("m-1", "ada@example.com", "https://example.com");
    ambassador.enqueue("POST", RECORD, new FakeHttpServer.Apply());
    ambassador.enqueue("POST", RECORD, Reply.status(503));

    RecordResult partly = destination.push(Operation.INSERT, List.of(order)).get(0);
    RecordResult resent = destination.push(Operation.INSERT, List.of(order)).get(0);

    assertThat(partly).isInstanceOf(RecordResult.Retry.class);
    assertThat(resent).isEqualTo(RecordResult.ok());
    assertThat(ambassador.commissions()).extracting(FakeAmbassador.Commission::campaignUid).containsExactly("100", "200");
  }

  @Test
  void trackOnlyInserts() {
    assertThat(track(Map.of("example.com", "1")).operations()).containsExactly(Operation.INSERT);
  }

  @Test
  void aMappedCampaignUidIsRefusedBecauseTheUrlChoosesTheCampaign() {
    Map<String, Object> fields = new LinkedHashMap<>(checkout("m-1", "ada@example.com", "https://example.com").fields());
    fields.put("campaign_uid", "999");

    RecordResult result = track(Map.of("example.com", "100")).push(Operation.INSERT, List.of(record("m-1", fields))).get(0);

    assertThat(result).isInstanceOf(RecordResult.Rejected.class);
    assertThat(ambassador.requests()).isEmpty();
  }

  @Test
  void anEventsSettingOtherThanConversionIsRefused() {
    assertThatThrownBy(() -> AmbassadorConfig.track(USER, TOKEN, Map.of("example.com", "1"), Map.of("Signed Up", "signup")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use conversion");
  }
}
