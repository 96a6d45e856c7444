package io.roundtrip.models.identity;

import static io.roundtrip.loaders.testing.Events.alias;
import static io.roundtrip.loaders.testing.Events.identify;
import static io.roundtrip.loaders.testing.Events.page;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.ModelContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityJobTest {

  @TempDir
  Path tmp;

  private static String seen(String messageId, String anonymousId, String userId, String receivedAt) {
    return "{\"type\":\"track\",\"event\":\"Clicked\",\"messageId\":\"" + messageId + "\",\"anonymousId\":\""
        + anonymousId + "\",\"userId\":\"" + userId + "\",\"receivedAt\":\"" + receivedAt + "\"}";
  }

  private IdentityJob.Summary resolve(WarehouseFixture wh, IdentityOptions options) {
    return new IdentityJob(new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models"), options).run();
  }

  /** "type:value" -> canonical id. */
  private static Map<String, String> mappings(WarehouseFixture wh) {
    Map<String, String> mappings = new TreeMap<>();
    for (Row row : wh.rows("web_models", IdentityJob.MAPPINGS, "identifier_value")) {
      mappings.put(row.getAs("identifier_type") + ":" + row.getAs("identifier_value"), row.getAs("canonical_user_id"));
    }
    return mappings;
  }

  @Test
  void anAnonymousVisitorWhoIdentifiesIsOnePersonNamedByTheEarliestIdentifier() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        page("m1", "a1", "Home", "2026-01-01T10:00:00Z", "{}"),
        seen("m2", "a1", "u1", "2026-01-02T10:00:00Z"),
        page("m3", "a9", "Home", "2026-01-02T11:00:00Z", "{}"));
    wh.load("web");
    IdentityJob.Summary summary = resolve(wh, IdentityOptions.defaults());

    assertThat(mappings(wh)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "anonymous_id:a1", "a1", "user_id:u1", "a1", "anonymous_id:a9", "a9"));
    assertThat(summary.people()).isEqualTo(2);
    assertThat(wh.rows("web_models", IdentityJob.MERGE_RULES, "left_value"))
        .extracting(r -> r.getAs("left_value"), r -> r.getAs("right_value"), r -> r.getAs("rule"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a1", "u1", "anonymous_id"));
  }

  @Test
  void anAliasChainJoinsEveryLink() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        identify("m1", "u1", "2026-01-01T10:00:00Z", "{}"),
        alias("m2", "u1", "u2", "2026-01-02T10:00:00Z"),
        alias("m3", "u2", "u3", "2026-01-03T10:00:00Z"),
        alias("m4", "anon-7", "u3", "2026-01-04T10:00:00Z"));
    wh.load("web");
    resolve(wh, IdentityOptions.defaults());

    assertThat(mappings(wh)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "user_id:u1", "u1", "user_id:u2", "u1", "user_id:u3", "u1", "anonymous_id:anon-7", "u1"));
    // previous_id is typed by what it is known as: u1 and u2 are user ids, anon-7 is not one
    assertThat(wh.rows("web_models", IdentityJob.MERGE_RULES, "left_value"))
        .extracting(r -> r.getAs("left_type") + ":" + r.getAs("left_value"))
        .containsExactly("anonymous_id:anon-7", "user_id:u1", "user_id:u2");
  }

  @Test
  void aSharedDeviceIsListedAndJoinsNobody() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    String[] lines = new String[6];
    for (int i = 0; i < 6; i++) {
      lines[i] = seen("m" + i, "kiosk", "u" + i, "2026-01-01T10:00:0" + i + "Z");
    }
    wh.file("a.json", lines);
    wh.load("web");
    IdentityJob.Summary summary = resolve(wh, IdentityOptions.defaults());

    Map<String, String> mappings = mappings(wh);
    for (int i = 0; i < 6; i++) {
      assertThat(mappings).containsEntry("user_id:u" + i, "u" + i);
    }
    assertThat(mappings).containsEntry("anonymous_id:kiosk", "kiosk");
    assertThat(summary.sharedIdentifiers()).isEqualTo(1);
    Row shared = wh.rows("web_models", IdentityJob.SHARED, "identifier_value").get(0);
    assertThat(shared.<String>getAs("identifier_value")).isEqualTo("kiosk");
    assertThat(shared.<Long>getAs("distinct_user_ids")).isEqualTo(6L);
  }

  @Test
  void twoUserIdsOnOneDeviceStayTwoPeopleAndTheDeviceGoesWithTheFirst() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        seen("m1", "laptop", "alice", "2026-01-01T10:00:00Z"),
        seen("m2", "laptop", "bob", "2026-01-02T10:00:00Z"),
        identify("m3", "bob", "2026-01-01T09:00:00Z", "{}"));
    wh.load("web");
    resolve(wh, IdentityOptions.defaults());

    Map<String, String> mappings = mappings(wh);
    assertThat(mappings.get("user_id:alice")).isNotEqualTo(mappings.get("user_id:bob"));
    assertThat(mappings.get("anonymous_id:laptop")).isEqualTo(mappings.get("user_id:alice"));
    assertThat(wh.count("web_models", IdentityJob.SHARED)).isZero();
  }

  @Test
  void blockedValuesNeverBecomeIdentifiers() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        seen("m1", "00000000-0000", "u1", "2026-01-01T10:00:00Z"),
        seen("m2", "anonymous", "u2", "2026-01-01T10:00:01Z"),
        seen("m3", "a3", "null", "2026-01-01T10:00:02Z"),
        seen("m4", "a4", "-1", "2026-01-01T10:00:03Z"));
    wh.load("web");
    resolve(wh, IdentityOptions.defaults());

    assertThat(mappings(wh).keySet()).containsExactlyInAnyOrder("user_id:u1", "user_id:u2", "anonymous_id:a3",
        "anonymous_id:a4");
  }

  @Test
  void aMergeBetweenRunsKeepsTheSurvivorsIdReadsOnlyNewEventsAndRecordsTheChange() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        seen("m1", "a1", "u1", "2026-01-01T10:00:00Z"),
        seen("m2", "a2", "u2", "2026-01-05T10:00:00Z"));
    wh.load("web");
    IdentityJob.Summary first = resolve(wh, IdentityOptions.defaults());
    assertThat(first.newEvents()).isEqualTo(2);
    // a1 and u1 were first seen in the same event: the tie goes to the user id
    assertThat(mappings(wh)).containsEntry("user_id:u2", "u2").containsEntry("anonymous_id:a1", "u1");

    wh.file("b.json", alias("m3", "u2", "u1", "2026-01-06T10:00:00Z"));
    wh.load("web");
    IdentityJob.Summary second = resolve(wh, IdentityOptions.defaults());

    assertThat(second.newEvents()).isEqualTo(1);
    assertThat(mappings(wh)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "anonymous_id:a1", "u1", "user_id:u1", "u1", "anonymous_id:a2", "u1", "user_id:u2", "u1"));
    assertThat(second.changed()).isEqualTo(2);
    assertThat(wh.rows("web_models", IdentityJob.GRAPH_UPDATES, "identifier_value"))
        .extracting(r -> r.getAs("identifier_value"), r -> r.getAs("previous_canonical_user_id"),
            r -> r.getAs("canonical_user_id"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a2", "u2", "u1"),
            org.assertj.core.groups.Tuple.tuple("u2", "u2", "u1"));

    IdentityJob.Summary third = resolve(wh, IdentityOptions.defaults());
    assertThat(third.newEvents()).isZero();
    assertThat(third.changed()).isZero();
    assertThat(mappings(wh)).containsEntry("user_id:u2", "u1");
    assertThat(wh.count("web_models", IdentityJob.GRAPH_UPDATES)).isEqualTo(2);
  }

  @Test
  void emailsJoinUsersOnlyWhenEnabled() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        identify("m1", "u1", "2026-01-01T10:00:00Z", "{\"email\":\" Ada@Example.com \"}"),
        identify("m2", "u2", "2026-01-02T10:00:00Z", "{\"email\":\"ada@example.com\"}"));
    wh.load("web");
    resolve(wh, IdentityOptions.defaults());
    assertThat(mappings(wh)).containsEntry("user_id:u1", "u1").containsEntry("user_id:u2", "u2")
        .doesNotContainKey("email:ada@example.com");

    WarehouseFixture other = new WarehouseFixture(tmp.resolve("other"));
    other.file("a.json",
        identify("m1", "u1", "2026-01-01T10:00:00Z", "{\"email\":\" Ada@Example.com \"}"),
        identify("m2", "u2", "2026-01-02T10:00:00Z", "{\"email\":\"ada@example.com\"}"));
    other.load("web");
    resolve(other, new IdentityOptions(true, 5, null, null));
    assertThat(mappings(other)).containsEntry("user_id:u1", "u1").containsEntry("user_id:u2", "u1")
        .containsEntry("email:ada@example.com", "u1");
  }

  @Test
  void profilesListEachPersonsIdentifiersAndTheirLatestTraits() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        seen("m1", "a1", "u1", "2026-01-01T10:00:00Z"),
        identify("m2", "u1", "2026-01-01T11:00:00Z", "{\"plan\":\"free\",\"city\":\"Lyon\"}"),
        identify("m3", "u2", "2026-01-03T11:00:00Z", "{\"plan\":\"pro\"}"),
        alias("m4", "u2", "u1", "2026-01-04T10:00:00Z"),
        track("m5", "u9", "Clicked", "2026-01-04T10:00:00Z", "{}"));
    wh.load("web");
    resolve(wh, IdentityOptions.defaults());

    List<Row> profiles = wh.rows("web_models", IdentityJob.PROFILES, "canonical_user_id");
    assertThat(profiles).hasSize(2);
    Row person = profiles.get(0);
    assertThat(person.<String>getAs("canonical_user_id")).isEqualTo("u1");
    assertThat(person.getList(person.fieldIndex("user_ids"))).containsExactly("u1", "u2");
    assertThat(person.getList(person.fieldIndex("anonymous_ids"))).containsExactly("a1");
    assertThat(person.<String>getAs("plan")).isEqualTo("pro");
    assertThat(person.<String>getAs("city")).isEqualTo("Lyon");
  }
}
