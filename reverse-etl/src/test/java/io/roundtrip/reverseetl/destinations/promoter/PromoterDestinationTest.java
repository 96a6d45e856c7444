package io.roundtrip.reverseetl.destinations.promoter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.FakeHttpServer;
import io.roundtrip.reverseetl.destinations.http.LookupFailedException;
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
 * The Promoter destination against a fake of Promoter's API, section by section of Segment's
 * Promoter destination page (Identify, Track, Order Completed).
 */
class PromoterDestinationTest {

  private static final String API_KEY = "pk-5ecret-key";
  private static final long LIST = 599;
  private static final long CAMPAIGN = 78;
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
  private static final String CONTACTS = "/api/contacts/";
  private static final String SURVEY = "/api/v2/survey/";

  private FakePromoter promoter;

  @BeforeEach
  void start() {
    promoter = new FakePromoter(API_KEY);
    promoter.start();
  }

  @AfterEach
  void stop() {
    promoter.close();
  }

  private PromoterConfig config() {
    return PromoterConfig.of(API_KEY).withList(LIST).withSurveyCampaign(CAMPAIGN)
        .withBaseUrl(promoter.apiBase()).withTimeout(SHORT_TIMEOUT);
  }

  private PromoterDestination identify() {
    return new PromoterDestination(config());
  }

  /** A track sync whose "Friend Invited" events send a survey (the page's Track example). */
  private PromoterDestination track() {
    return new PromoterDestination(config().withEvents(Map.of("Friend Invited", "survey")));
  }

  private static SyncRecord customer(String key, String email, String plan) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("user_id", "u-" + key);
    fields.put("email", email);
    fields.put("first_name", "Ada");
    fields.put("last_name", "Lovelace");
    fields.put("plan", plan);
    fields.put("seats", 12L);
    fields.put("mrr", 99.5);
    fields.put("trial", false);
    return new SyncRecord(key, fields, fields.hashCode(), "idem-" + key + "-" + plan);
  }

  /** One event row: {"userId": "12345", "event": "Friend Invited", "properties": {...}}, with the person's email. */
  private static SyncRecord event(String messageId, String event, String email) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event_text", event);
    fields.put("user_id", "12345");
    fields.put("email", email);
    fields.put("category", "viral");
    fields.put("total_invites", 50L);
    return new SyncRecord(messageId, fields, fields.hashCode(), "idem-" + messageId);
  }

  private void identified(String email) {
    promoter.seed(email, Map.of("user_id", "12345"), LIST);
  }

  // Identify

  @Test
  void identifySendsUserIdAndEmailWithTheNamesAndEveryOtherTraitAsAnAttribute() {
    // the page's example: userId 12345, traits {email, firstName, lastName, plan}
    Map<String, Object> traits = new LinkedHashMap<>();
    traits.put("userId", "12345");
    traits.put("email", "ted@mosbiusdesigns.com");
    traits.put("firstName", "Ted");
    traits.put("lastName", "Mosby");
    traits.put("plan", "Premium");

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(new SyncRecord("12345", traits, 1, "k")));

    assertThat(results).containsExactly(RecordResult.ok());
    FakePromoter.Contact contact = promoter.contact("ted@mosbiusdesigns.com").orElseThrow();
    assertThat(contact.firstName()).isEqualTo("Ted");
    assertThat(contact.lastName()).isEqualTo("Mosby");
    assertThat(contact.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("user_id", "12345", "plan", "Premium"));
  }

  @Test
  void theWarehouseColumnsOfTheTraitsWorkTooAsTextAttributesInTheConfiguredList() {
    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(customer("1", "ada@example.com", "gold")));

    assertThat(results).containsExactly(RecordResult.ok());
    FakePromoter.Contact contact = promoter.contact("ada@example.com").orElseThrow();
    assertThat(contact.firstName()).isEqualTo("Ada");
    assertThat(contact.lastName()).isEqualTo("Lovelace");
    assertThat(contact.attributes()).containsExactlyInAnyOrderEntriesOf(
        Map.of("user_id", "u-1", "plan", "gold", "seats", "12", "mrr", "99.5", "trial", "false"));
    assertThat(contact.lists()).containsExactly(LIST);
    RecordedRequest request = promoter.requests().get(0);
    assertThat(request.header("Authorization")).contains("Token " + API_KEY);
    assertThat(request.header("Content-Type")).contains("application/json");
    assertThat(request.json().get("contact_list").get(0).asLong()).isEqualTo(LIST);
  }

  @Test
  void identifyNeedsBothUserIdAndEmailAsThePageRequires() {
    Map<String, Object> noUserId = new LinkedHashMap<>(customer("1", "ada@example.com", "gold").fields());
    noUserId.remove("user_id");

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(new SyncRecord("1", noUserId, 1, "k"),
        new SyncRecord("2", Map.of("user_id", "u-2", "plan", "gold"), 1, "k")));

    assertThat(((RecordResult.Rejected) results.get(0)).reason()).contains("userId is required");
    assertThat(results.get(1)).isEqualTo(new RecordResult.Rejected("email is required", false));
    assertThat(promoter.requests()).isEmpty();
  }

  @Test
  void insertCreatesTheContactAndSendsNoSurvey() {
    // surveys come from track events; an identify insert only adds the contact
    assertThat(identify().push(Operation.INSERT, List.of(customer("1", "ada@example.com", "gold"))))
        .containsExactly(RecordResult.ok());

    assertThat(promoter.contact("ada@example.com")).isPresent();
    assertThat(promoter.surveys()).isEmpty();
  }

  @Test
  void addUpsertsTheContactIntoTheConfiguredList() {
    identify().push(Operation.ADD, List.of(customer("1", "ada@example.com", "gold")));

    assertThat(promoter.membersOf(LIST)).containsExactly("ada@example.com");
  }

  @Test
  void withoutAListUpsertsLeaveTheListToPromoter() {
    PromoterDestination noList = new PromoterDestination(PromoterConfig.of(API_KEY).withBaseUrl(promoter.apiBase()));

    noList.push(Operation.UPSERT, List.of(customer("1", "ada@example.com", "gold")));

    assertThat(promoter.requests().get(0).json().has("contact_list")).isFalse();
    assertThat(noList.operations()).containsExactlyInAnyOrder(Operation.INSERT, Operation.UPSERT, Operation.UPDATE);
  }

  @Test
  void updateChangesTheContactsPromoterHasAndSkipsTheOthers() {
    promoter.seed("ada@example.com", Map.of("plan", "free"), LIST);

    List<RecordResult> results = identify().push(Operation.UPDATE,
        List.of(customer("1", "ada@example.com", "gold"), customer("2", "new@example.com", "gold")));

    assertThat(results.get(0)).isEqualTo(RecordResult.ok());
    assertThat(promoter.contact("ada@example.com").orElseThrow().attributes()).containsEntry("plan", "gold");
    assertThat(results.get(1)).isInstanceOf(RecordResult.Skipped.class);
    assertThat(promoter.contact("new@example.com")).isEmpty();
  }

  @Test
  void identifyIsIdempotentEverywhere() {
    PromoterDestination destination = identify();

    assertThat(destination.idempotent(Operation.INSERT)).isTrue();
    assertThat(destination.idempotent(Operation.UPSERT)).isTrue();
    assertThat(destination.idempotent(Operation.REMOVE)).isTrue();
  }

  @Test
  void nestedAttributesAreRejectedWithoutSending() {
    Map<String, Object> fields = new LinkedHashMap<>(customer("1", "ada@example.com", "gold").fields());
    fields.put("address", Map.of("city", "London"));

    List<RecordResult> results = identify().push(Operation.UPSERT, List.of(new SyncRecord("1", fields, 1, "k")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) results.get(0)).reason()).contains("address").contains("nested");
    assertThat(((RecordResult.Rejected) results.get(0)).wholeBatch()).isFalse();
    assertThat(promoter.requests()).isEmpty();
  }

  @Test
  void aRefusedContactIsRejectedForThatRecordOnly() {
    promoter.enqueue("POST", CONTACTS, Reply.json(400, "{\"email\": [\"Enter a valid email address.\"]}"));

    List<RecordResult> results = identify().push(Operation.UPSERT,
        List.of(customer("1", "ada@", "gold"), customer("2", "bob@example.com", "gold")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) results.get(0)).wholeBatch()).isFalse();
    assertThat(((RecordResult.Rejected) results.get(0)).reason()).contains("Enter a valid email address.");
    assertThat(results.get(1)).isEqualTo(RecordResult.ok());
  }

  @Test
  void rateLimitSurfacesRetryAfter() {
    promoter.enqueue("POST", CONTACTS, Reply.json(429, "{\"detail\": \"Request was throttled.\"}").withHeader("Retry-After", "7"));

    List<RecordResult> results = identify().push(Operation.UPSERT,
        List.of(customer("1", "ada@example.com", "gold"), customer("2", "bob@example.com", "gold")));

    assertThat(results).allSatisfy(result -> {
      assertThat(result).isInstanceOf(RecordResult.Retry.class);
      assertThat(((RecordResult.Retry) result).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    });
    assertThat(promoter.requestCount("POST", CONTACTS)).isEqualTo(1); // the second was never sent
  }

  // list membership

  @Test
  void removesAContactFromTheList() {
    FakePromoter.Contact ada = promoter.seed("ada@example.com", Map.of(), LIST, 7L);

    List<RecordResult> results = identify().push(Operation.REMOVE,
        List.of(new SyncRecord("ada@example.com", Map.of("email", "ada@example.com"), 1, null)));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(promoter.membersOf(LIST)).isEmpty();
    assertThat(promoter.membersOf(7)).containsExactly("ada@example.com");
    assertThat(promoter.requests("DELETE", "/api/lists/" + LIST + "/contacts/" + ada.id())).hasSize(1);
  }

  @Test
  void deleteRemovesFromTheListToo() {
    promoter.seed("ada@example.com", Map.of(), LIST);

    assertThat(identify().push(Operation.DELETE, List.of(customer("1", "ada@example.com", "gold")))).containsExactly(RecordResult.ok());
    assertThat(promoter.membersOf(LIST)).isEmpty();
  }

  @Test
  void removingAContactThatDoesNotExistIsOkWithoutADelete() {
    List<RecordResult> results = identify().push(Operation.REMOVE, List.of(customer("1", "ghost@example.com", "gold")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(promoter.requests()).extracting(RecordedRequest::method).containsExactly("GET");
  }

  @Test
  void removingAContactThatIsNotInTheListIsOk() {
    promoter.seed("ada@example.com", Map.of(), 7L);

    assertThat(identify().push(Operation.REMOVE, List.of(customer("1", "ada@example.com", "gold")))).containsExactly(RecordResult.ok());
  }

  @Test
  void aFailedLookupBeforeRemovingIsRetry() {
    promoter.seed("ada@example.com", Map.of(), LIST);
    promoter.enqueue("GET", CONTACTS, Reply.status(502));

    RecordResult result = identify().push(Operation.REMOVE, List.of(customer("1", "ada@example.com", "gold"))).get(0);

    assertThat(result).isInstanceOf(RecordResult.Retry.class);
    assertThat(promoter.membersOf(LIST)).containsExactly("ada@example.com");
  }

  // Track

  @Test
  void anEventConfiguredToTriggerASurveySendsOneThroughTheCampaign() {
    identified("ted@example.com");

    List<RecordResult> results = track().push(Operation.INSERT, List.of(event("m-1", "Friend Invited", "ted@example.com")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(promoter.surveys()).singleElement().satisfies(survey -> {
      assertThat(survey.email()).isEqualTo("ted@example.com");
      assertThat(survey.campaign()).isEqualTo(CAMPAIGN);
      assertThat(survey.attributes()).containsEntry("category", "viral").containsEntry("total_invites", "50");
    });
  }

  @Test
  void everyTriggeringEventSendsASurveyNotOnlyTheFirstOfAContact() {
    identified("ted@example.com");
    PromoterDestination destination = track();

    destination.push(Operation.INSERT, List.of(event("m-1", "Friend Invited", "ted@example.com")));
    destination.push(Operation.INSERT, List.of(event("m-2", "Friend Invited", "ted@example.com")));

    assertThat(promoter.surveysSentTo("ted@example.com")).isEqualTo(2);
  }

  @Test
  void aResentEventSendsNoSecondSurvey() {
    identified("ted@example.com");
    SyncRecord invited = event("m-1", "Friend Invited", "ted@example.com");

    assertThat(track().push(Operation.INSERT, List.of(invited))).containsExactly(RecordResult.ok());
    assertThat(track().push(Operation.INSERT, List.of(invited))).containsExactly(RecordResult.ok());

    assertThat(promoter.surveysSentTo("ted@example.com")).isEqualTo(1);
  }

  @Test
  void eventsThatSendNoSurveyAndAreNotOrderCompletedAreSkipped() {
    identified("ted@example.com");

    List<RecordResult> results = track().push(Operation.INSERT, List.of(event("m-1", "Product Viewed", "ted@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Skipped.class);
    assertThat(promoter.requests()).isEmpty();
  }

  @Test
  void orderCompletedIsStoredAsACustomEventOnTheContact() {
    identified("ted@example.com");
    Map<String, Object> order = new LinkedHashMap<>(event("m-9", "Order Completed", "ted@example.com").fields());
    order.put("orderId", "50314b8e9bcf000000000000");
    order.put("revenue", 25.0);
    order.put("currency", "USD");
    order.put("timestamp", "2026-03-01T10:00:00Z");

    List<RecordResult> results = track().push(Operation.INSERT, List.of(new SyncRecord("m-9", order, 1, "idem-m-9")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(promoter.contact("ted@example.com").orElseThrow().attributes())
        .containsEntry("order_completed_order_id", "50314b8e9bcf000000000000")
        .containsEntry("order_completed_revenue", "25.0")
        .containsEntry("order_completed_currency", "USD")
        .containsEntry("order_completed_at", "2026-03-01T10:00:00Z")
        .containsEntry("user_id", "12345");
    assertThat(promoter.surveys()).isEmpty();
  }

  @Test
  void anEventOfSomeoneNotYetAContactIsDeferredWithTheReason() {
    List<RecordResult> results = track().push(Operation.INSERT, List.of(event("m-1", "Friend Invited", "ted@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Deferred.class);
    assertThat(((RecordResult.Deferred) results.get(0)).reason()).contains("ted@example.com").contains("identify");
    assertThat(promoter.surveys()).isEmpty();
  }

  @Test
  void anEventWhoseUserIdIsNotTheOneIdentifySentIsRefused() {
    promoter.seed("ted@example.com", Map.of("user_id", "999"), LIST);

    RecordResult result = track().push(Operation.INSERT, List.of(event("m-1", "Friend Invited", "ted@example.com"))).get(0);

    assertThat(result).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) result).reason()).contains("12345").contains("999");
    assertThat(promoter.surveys()).isEmpty();
  }

  @Test
  void surveysAreNotIdempotentAndTrackOnlyInserts() {
    assertThat(track().idempotent(Operation.INSERT)).isFalse();
    assertThat(track().operations()).containsExactly(Operation.INSERT);
  }

  @Test
  void surveyEventsNeedASurveyCampaign() {
    assertThatThrownBy(() -> PromoterConfig.of(API_KEY).withEvents(Map.of("Friend Invited", "survey")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("survey_campaign_id");
    assertThatThrownBy(() -> config().withEvents(Map.of("Friend Invited", "email")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use survey");
  }

  @Test
  void theSurveyMarkerLetsACrashedSyncKnowWhatWasSent() {
    identified("ted@example.com");
    identified("bob@example.com");
    SyncRecord ted = event("m-1", "Friend Invited", "ted@example.com");
    SyncRecord bob = event("m-2", "Friend Invited", "bob@example.com");
    track().push(Operation.INSERT, List.of(ted)); // then the sync crashed before recording it

    PromoterDestination afterRestart = track();
    var applied = afterRestart.applied(Operation.INSERT, List.of(ted, bob));
    afterRestart.push(Operation.INSERT, List.of(ted, bob).stream().filter(r -> !applied.contains(r.key())).toList());

    assertThat(applied).containsExactly("m-1");
    assertThat(promoter.surveysSentTo("ted@example.com")).isEqualTo(1);
    assertThat(promoter.surveysSentTo("bob@example.com")).isEqualTo(1);
  }

  @Test
  void anEarlierSurveyToTheSameContactIsNotMistakenForThisOne() {
    identified("ted@example.com");
    track().push(Operation.INSERT, List.of(event("m-1", "Friend Invited", "ted@example.com")));

    assertThat(track().applied(Operation.INSERT, List.of(event("m-2", "Friend Invited", "ted@example.com")))).isEmpty();
  }

  @Test
  void timeoutAfterASurveyWasSentIsUnknownAndTheMarkerProvesIt() {
    identified("ted@example.com");
    SyncRecord ted = event("m-1", "Friend Invited", "ted@example.com");
    promoter.enqueue("POST", SURVEY, new FakeHttpServer.ApplyThenHold());
    PromoterDestination destination = track();

    List<RecordResult> results = destination.push(Operation.INSERT, List.of(ted));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Unknown.class);
    assertThat(destination.applied(Operation.INSERT, List.of(ted))).containsExactly("m-1");
    assertThat(promoter.surveysSentTo("ted@example.com")).isEqualTo(1);
  }

  @Test
  void aSurveyThatNeverArrivedIsUnknownAndNotApplied() {
    identified("ted@example.com");
    SyncRecord ted = event("m-1", "Friend Invited", "ted@example.com");
    promoter.enqueue("POST", SURVEY, new FakeHttpServer.Hold());
    PromoterDestination destination = track();

    assertThat(destination.push(Operation.INSERT, List.of(ted)).get(0)).isInstanceOf(RecordResult.Unknown.class);
    assertThat(destination.applied(Operation.INSERT, List.of(ted))).isEmpty();
    assertThat(promoter.surveysSentTo("ted@example.com")).isZero();
  }

  @Test
  void recordsAfterAnUnknownSurveyAreNotSentAndSafeToRetry() {
    identified("ted@example.com");
    identified("bob@example.com");
    promoter.enqueue("POST", SURVEY, new FakeHttpServer.ApplyThenHold());

    List<RecordResult> results = track().push(Operation.INSERT,
        List.of(event("m-1", "Friend Invited", "ted@example.com"), event("m-2", "Friend Invited", "bob@example.com")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Unknown.class);
    assertThat(results.get(1)).isInstanceOf(RecordResult.Retry.class);
    assertThat(promoter.surveysSentTo("bob@example.com")).isZero();
  }

  @Test
  void aSurveyAnsweredWithSomethingOtherThanJsonIsUnknown() {
    identified("ted@example.com");
    promoter.enqueue("POST", SURVEY, Reply.text(200, "<html>Service Unavailable</html>"));

    assertThat(track().push(Operation.INSERT, List.of(event("m-1", "Friend Invited", "ted@example.com"))).get(0))
        .isInstanceOf(RecordResult.Unknown.class);
  }

  @Test
  void whenPromoterCannotBeAskedAppliedThrowsRatherThanAnsweringNo() {
    promoter.enqueue("GET", CONTACTS, Reply.status(503));

    assertThatThrownBy(() -> track().applied(Operation.INSERT, List.of(event("m-1", "Friend Invited", "ted@example.com"))))
        .isInstanceOf(LookupFailedException.class)
        .hasMessageContaining("503");
  }

  @Test
  void credentialsNeverAppearInResults() {
    promoter.enqueue("POST", CONTACTS, Reply.text(401, "Authorization header 'Token " + API_KEY + "' is not valid"));
    PromoterDestination wrongKey = new PromoterDestination(PromoterConfig.of("wrong-key-123").withList(LIST).withBaseUrl(promoter.apiBase()));

    RecordResult echoed = identify().push(Operation.UPSERT, List.of(customer("1", "ada@example.com", "gold"))).get(0);
    RecordResult refused = wrongKey.push(Operation.UPSERT, List.of(customer("1", "ada@example.com", "gold"))).get(0);

    assertThat(echoed).isInstanceOf(RecordResult.Rejected.class);
    assertThat(echoed.toString()).doesNotContain(API_KEY).contains("[redacted]");
    assertThat(refused.toString()).doesNotContain("wrong-key-123").contains("401");
    assertThat(config().toString()).doesNotContain(API_KEY);
  }
}
