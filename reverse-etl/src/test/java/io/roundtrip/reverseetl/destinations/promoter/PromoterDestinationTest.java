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

  private PromoterDestination destination() {
    return new PromoterDestination(config());
  }

  private static SyncRecord customer(String key, String email, String plan) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("email", email);
    fields.put("first_name", "Ada");
    fields.put("last_name", "Lovelace");
    fields.put("plan", plan);
    fields.put("seats", 12L);
    fields.put("mrr", 99.5);
    fields.put("trial", false);
    return new SyncRecord(key, fields, fields.hashCode(), "idem-" + key + "-" + plan);
  }

  // contacts

  @Test
  void upsertsAContactWithTextAttributesIntoTheConfiguredList() {
    List<RecordResult> results = destination().push(Operation.UPSERT, List.of(customer("1", "ada@example.com", "gold")));

    assertThat(results).containsExactly(RecordResult.ok());
    FakePromoter.Contact contact = promoter.contact("ada@example.com").orElseThrow();
    assertThat(contact.firstName()).isEqualTo("Ada");
    assertThat(contact.lastName()).isEqualTo("Lovelace");
    assertThat(contact.attributes()).containsExactlyInAnyOrderEntriesOf(
        Map.of("plan", "gold", "seats", "12", "mrr", "99.5", "trial", "false"));
    assertThat(contact.lists()).containsExactly(LIST);
    RecordedRequest request = promoter.requests().get(0);
    assertThat(request.header("Authorization")).contains("Token " + API_KEY);
    assertThat(request.header("Content-Type")).contains("application/json");
    assertThat(request.json().get("contact_list").get(0).asLong()).isEqualTo(LIST);
  }

  @Test
  void addUpsertsTheContactIntoTheConfiguredList() {
    destination().push(Operation.ADD, List.of(customer("1", "ada@example.com", "gold")));

    assertThat(promoter.membersOf(LIST)).containsExactly("ada@example.com");
  }

  @Test
  void withoutAListUpsertsLeaveTheListToPromoter() {
    PromoterDestination noList = new PromoterDestination(PromoterConfig.of(API_KEY).withBaseUrl(promoter.apiBase()));

    noList.push(Operation.UPSERT, List.of(customer("1", "ada@example.com", "gold")));

    assertThat(promoter.requests().get(0).json().has("contact_list")).isFalse();
    assertThat(noList.operations()).containsExactlyInAnyOrder(Operation.UPSERT, Operation.UPDATE);
  }

  @Test
  void nestedAttributesAreRejectedWithoutSending() {
    Map<String, Object> fields = new LinkedHashMap<>(customer("1", "ada@example.com", "gold").fields());
    fields.put("address", Map.of("city", "London"));

    List<RecordResult> results = destination().push(Operation.UPSERT, List.of(new SyncRecord("1", fields, 1, "k")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) results.get(0)).reason()).contains("address").contains("nested");
    assertThat(((RecordResult.Rejected) results.get(0)).wholeBatch()).isFalse();
    assertThat(promoter.requests()).isEmpty();
  }

  @Test
  void aRecordWithoutEmailIsRejectedWithoutSending() {
    List<RecordResult> results = destination().push(Operation.INSERT, List.of(new SyncRecord("1", Map.of("plan", "gold"), 1, "k")));

    assertThat(results).containsExactly(new RecordResult.Rejected("email is required", false));
    assertThat(promoter.requests()).isEmpty();
  }

  @Test
  void aRefusedContactIsRejectedForThatRecordOnly() {
    promoter.enqueue("POST", CONTACTS, Reply.json(400, "{\"email\": [\"Enter a valid email address.\"]}"));

    List<RecordResult> results = destination().push(Operation.UPSERT,
        List.of(customer("1", "ada@", "gold"), customer("2", "bob@example.com", "gold")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Rejected.class);
    assertThat(((RecordResult.Rejected) results.get(0)).wholeBatch()).isFalse();
    assertThat(((RecordResult.Rejected) results.get(0)).reason()).contains("Enter a valid email address.");
    assertThat(results.get(1)).isEqualTo(RecordResult.ok());
  }

  @Test
  void rateLimitSurfacesRetryAfter() {
    promoter.enqueue("POST", CONTACTS, Reply.json(429, "{\"detail\": \"Request was throttled.\"}").withHeader("Retry-After", "7"));

    List<RecordResult> results = destination().push(Operation.UPSERT,
        List.of(customer("1", "ada@example.com", "gold"), customer("2", "bob@example.com", "gold")));

    assertThat(results).allSatisfy(result -> {
      assertThat(result).isInstanceOf(RecordResult.Retry.class);
      assertThat(((RecordResult.Retry) result).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    });
    assertThat(promoter.requestCount("POST", CONTACTS)).isEqualTo(1); // the second was never sent
  }

  // surveys

  @Test
  void insertSendsASurveyMarkedWithTheIdempotencyKey() {
    SyncRecord ada = customer("1", "ada@example.com", "gold");

    List<RecordResult> results = destination().push(Operation.INSERT, List.of(ada));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(promoter.surveysSentTo("ada@example.com")).isEqualTo(1);
    RecordedRequest request = promoter.requests("POST", SURVEY).get(0);
    assertThat(request.json().get("campaign_id").asLong()).isEqualTo(CAMPAIGN);
    assertThat(request.json().at("/contact/email").asText()).isEqualTo("ada@example.com");
    assertThat(request.json().at("/contact/attributes/plan").asText()).isEqualTo("gold");
    assertThat(request.json().at("/contact/attributes/roundtrip_survey").asText()).isEqualTo(ada.idempotencyKey());
  }

  @Test
  void onlySurveysAreNotIdempotent() {
    PromoterDestination destination = destination();

    assertThat(destination.idempotent(Operation.INSERT)).isFalse();
    assertThat(destination.idempotent(Operation.UPSERT)).isTrue();
    assertThat(destination.idempotent(Operation.REMOVE)).isTrue();
  }

  @Test
  void surveyMarkerLetsACrashedSyncKnowWhatWasSent() {
    SyncRecord ada = customer("1", "ada@example.com", "gold");
    SyncRecord bob = customer("2", "bob@example.com", "gold");
    destination().push(Operation.INSERT, List.of(ada)); // then the sync crashed before recording it

    PromoterDestination afterRestart = destination();
    var applied = afterRestart.applied(Operation.INSERT, List.of(ada, bob));
    afterRestart.push(Operation.INSERT, List.of(ada, bob).stream().filter(r -> !applied.contains(r.key())).toList());

    assertThat(applied).containsExactly("1");
    assertThat(promoter.surveysSentTo("ada@example.com")).isEqualTo(1);
    assertThat(promoter.surveysSentTo("bob@example.com")).isEqualTo(1);
  }

  @Test
  void anEarlierSurveyToTheSameContactIsNotMistakenForThisOne() {
    destination().push(Operation.INSERT, List.of(customer("1", "ada@example.com", "gold")));
    SyncRecord changed = customer("1", "ada@example.com", "platinum");

    assertThat(destination().applied(Operation.INSERT, List.of(changed))).isEmpty();
  }

  @Test
  void timeoutAfterASurveyWasSentIsUnknownNotRetry() {
    SyncRecord ada = customer("1", "ada@example.com", "gold");
    promoter.enqueue("POST", SURVEY, new FakeHttpServer.ApplyThenHold());
    PromoterDestination destination = destination();

    List<RecordResult> results = destination.push(Operation.INSERT, List.of(ada));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Unknown.class);
    assertThat(destination.applied(Operation.INSERT, List.of(ada))).containsExactly("1");
    assertThat(promoter.surveysSentTo("ada@example.com")).isEqualTo(1);
  }

  @Test
  void aSurveyThatNeverArrivedIsUnknownAndNotApplied() {
    SyncRecord ada = customer("1", "ada@example.com", "gold");
    promoter.enqueue("POST", SURVEY, new FakeHttpServer.Hold());
    PromoterDestination destination = destination();

    assertThat(destination.push(Operation.INSERT, List.of(ada)).get(0)).isInstanceOf(RecordResult.Unknown.class);
    assertThat(destination.applied(Operation.INSERT, List.of(ada))).isEmpty();
    assertThat(promoter.surveysSentTo("ada@example.com")).isZero();
  }

  @Test
  void recordsAfterAnUnknownSurveyAreNotSentAndSafeToRetry() {
    promoter.enqueue("POST", SURVEY, new FakeHttpServer.ApplyThenHold());

    List<RecordResult> results = destination().push(Operation.INSERT,
        List.of(customer("1", "ada@example.com", "gold"), customer("2", "bob@example.com", "gold")));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Unknown.class);
    assertThat(results.get(1)).isInstanceOf(RecordResult.Retry.class);
    assertThat(promoter.surveysSentTo("bob@example.com")).isZero();
  }

  @Test
  void aSurveyAnsweredWithSomethingOtherThanJsonIsUnknown() {
    promoter.enqueue("POST", SURVEY, Reply.text(200, "<html>Service Unavailable</html>"));

    assertThat(destination().push(Operation.INSERT, List.of(customer("1", "ada@example.com", "gold"))).get(0))
        .isInstanceOf(RecordResult.Unknown.class);
  }

  @Test
  void whenPromoterCannotBeAskedAppliedThrowsRatherThanAnsweringNo() {
    promoter.enqueue("GET", CONTACTS, Reply.status(503));

    assertThatThrownBy(() -> destination().applied(Operation.INSERT, List.of(customer("1", "ada@example.com", "gold"))))
        .isInstanceOf(LookupFailedException.class)
        .hasMessageContaining("503");
  }

  @Test
  void insertNeedsASurveyCampaign() {
    PromoterDestination noCampaign = new PromoterDestination(PromoterConfig.of(API_KEY).withList(LIST).withBaseUrl(promoter.apiBase()));

    assertThat(noCampaign.operations()).doesNotContain(Operation.INSERT)
        .contains(Operation.UPSERT, Operation.ADD, Operation.REMOVE, Operation.DELETE);
    assertThatThrownBy(() -> noCampaign.push(Operation.INSERT, List.of(customer("1", "ada@example.com", "gold"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // list membership

  @Test
  void removesAContactFromTheList() {
    FakePromoter.Contact ada = promoter.seed("ada@example.com", Map.of(), LIST, 7L);

    List<RecordResult> results = destination().push(Operation.REMOVE, List.of(customer("1", "ada@example.com", "gold")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(promoter.membersOf(LIST)).isEmpty();
    assertThat(promoter.membersOf(7)).containsExactly("ada@example.com");
    assertThat(promoter.requests("DELETE", "/api/lists/" + LIST + "/contacts/" + ada.id())).hasSize(1);
  }

  @Test
  void deleteRemovesFromTheListToo() {
    promoter.seed("ada@example.com", Map.of(), LIST);

    assertThat(destination().push(Operation.DELETE, List.of(customer("1", "ada@example.com", "gold")))).containsExactly(RecordResult.ok());
    assertThat(promoter.membersOf(LIST)).isEmpty();
  }

  @Test
  void removingAContactThatDoesNotExistIsOkWithoutADelete() {
    List<RecordResult> results = destination().push(Operation.REMOVE, List.of(customer("1", "ghost@example.com", "gold")));

    assertThat(results).containsExactly(RecordResult.ok());
    assertThat(promoter.requests()).extracting(RecordedRequest::method).containsExactly("GET");
  }

  @Test
  void removingAContactThatIsNotInTheListIsOk() {
    promoter.seed("ada@example.com", Map.of(), 7L);

    assertThat(destination().push(Operation.REMOVE, List.of(customer("1", "ada@example.com", "gold")))).containsExactly(RecordResult.ok());
  }

  @Test
  void aFailedLookupBeforeRemovingIsRetry() {
    promoter.seed("ada@example.com", Map.of(), LIST);
    promoter.enqueue("GET", CONTACTS, Reply.status(502));

    RecordResult result = destination().push(Operation.REMOVE, List.of(customer("1", "ada@example.com", "gold"))).get(0);

    assertThat(result).isInstanceOf(RecordResult.Retry.class);
    assertThat(promoter.membersOf(LIST)).containsExactly("ada@example.com");
  }

  @Test
  void credentialsNeverAppearInResults() {
    promoter.enqueue("POST", CONTACTS, Reply.text(401, "Authorization header 'Token " + API_KEY + "' is not valid"));
    PromoterDestination wrongKey = new PromoterDestination(PromoterConfig.of("wrong-key-123").withList(LIST).withBaseUrl(promoter.apiBase()));

    RecordResult echoed = destination().push(Operation.UPSERT, List.of(customer("1", "ada@example.com", "gold"))).get(0);
    RecordResult refused = wrongKey.push(Operation.UPSERT, List.of(customer("1", "ada@example.com", "gold"))).get(0);

    assertThat(echoed).isInstanceOf(RecordResult.Rejected.class);
    assertThat(echoed.toString()).doesNotContain(API_KEY).contains("[redacted]");
    assertThat(refused.toString()).doesNotContain("wrong-key-123").contains("401");
    assertThat(config().toString()).doesNotContain(API_KEY);
  }
}
