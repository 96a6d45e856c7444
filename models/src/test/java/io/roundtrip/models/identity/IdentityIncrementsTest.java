package io.roundtrip.models.identity;

import static io.roundtrip.loaders.testing.Events.alias;
import static io.roundtrip.loaders.testing.Events.identify;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.TableId;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental run recomputes only the people new events touch, and ends where a run over every
 * event ends: the same mappings, rules, shared devices and profiles.
 */
class IdentityIncrementsTest {

  /** Scoped whatever share of the graph an increment touches: what these tests are about. */
  private static final IdentityJob.IncrementLimits ALWAYS_SCOPED = new IdentityJob.IncrementLimits(1.0);

  @TempDir
  Path tmp;

  private static String seen(String messageId, String anonymousId, String userId, String at) {
    return "{\"type\":\"track\",\"event\":\"Clicked\",\"messageId\":\"" + messageId + "\",\"anonymousId\":\""
        + anonymousId + "\",\"userId\":\"" + userId + "\",\"timestamp\":\"" + at + "\",\"receivedAt\":\"" + at + "\"}";
  }

  private static IdentityJob job(WarehouseFixture wh, IdentityJob.IncrementLimits limits) {
    return new IdentityJob(new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models"),
        IdentityOptions.defaults(), limits);
  }

  /** "type:value" -> canonical id. */
  private static Map<String, String> mappings(WarehouseFixture wh) {
    Map<String, String> mappings = new TreeMap<>();
    for (Row row : wh.rows("web_models", IdentityJob.MAPPINGS, "identifier_value")) {
      mappings.put(row.getAs("identifier_type") + ":" + row.getAs("identifier_value"), row.getAs("canonical_user_id"));
    }
    return mappings;
  }

  /** Five people, each an anonymous id that became a user id, on day one. */
  private static WarehouseFixture fivePeople(Path root) {
    WarehouseFixture wh = new WarehouseFixture(root);
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      lines.add(seen("d1-" + i, "a" + i, "u" + i, "2026-01-01T10:00:0" + i + "Z"));
    }
    wh.file("day1.json", lines.toArray(String[]::new));
    wh.load("web");
    return wh;
  }

  @Test
  void aNewDeviceOfOnePersonRecomputesThatPersonAlone() {
    WarehouseFixture wh = fivePeople(tmp);
    IdentityJob.Summary first = job(wh, ALWAYS_SCOPED).run();
    assertThat(first.plan()).isEqualTo(IdentityJob.Plan.REBUILD);
    assertThat(first.why()).isEqualTo("first run");

    wh.file("day2.json", seen("d2-1", "a3-phone", "u3", "2026-01-02T09:00:00Z"));
    wh.load("web");
    IdentityJob.Summary second = job(wh, ALWAYS_SCOPED).run();

    assertThat(second.why()).isNull();
    assertThat(second.plan()).isEqualTo(IdentityJob.Plan.INCREMENTAL);
    // u3's component (a3, u3) and the new device: not the other four people
    assertThat(second.recomputed()).isEqualTo(3);
    assertThat(second.identifiers()).isEqualTo(11);
    assertThat(second.people()).isEqualTo(5);
    assertThat(second.changed()).isZero();
    assertThat(mappings(wh)).containsEntry("anonymous_id:a3-phone", "u3").containsEntry("user_id:u3", "u3")
        .containsEntry("anonymous_id:a1", "u1").hasSize(11);
    Row u3 = wh.warehouse().read(new TableId("web_models", IdentityJob.PROFILES))
        .where("canonical_user_id = 'u3'").collectAsList().get(0);
    assertThat(u3.getList(u3.fieldIndex("anonymous_ids"))).containsExactly("a3", "a3-phone");
    assertThat(wh.count("web_models", IdentityJob.PROFILES)).isEqualTo(5);
  }

  @Test
  void anAliasInAnIncrementMergesTwoPeopleAndLogsTheLosersIdentifiers() {
    WarehouseFixture wh = fivePeople(tmp);
    job(wh, ALWAYS_SCOPED).run();

    wh.file("day2.json", alias("d2-1", "u4", "u2", "2026-01-02T09:00:00Z"));
    wh.load("web");
    IdentityJob.Summary second = job(wh, ALWAYS_SCOPED).run();

    assertThat(second.plan()).isEqualTo(IdentityJob.Plan.INCREMENTAL);
    assertThat(second.recomputed()).isEqualTo(4);
    assertThat(second.people()).isEqualTo(4);
    assertThat(second.changed()).isEqualTo(2);
    // u2 was seen first (10:00:02, u4 at 10:00:04): its id survives
    assertThat(mappings(wh)).containsEntry("user_id:u4", "u2").containsEntry("anonymous_id:a4", "u2")
        .containsEntry("user_id:u5", "u5");
    assertThat(wh.rows("web_models", IdentityJob.PROFILES, "canonical_user_id"))
        .extracting(r -> r.<String>getAs("canonical_user_id")).containsExactly("u1", "u2", "u3", "u5");
    assertThat(wh.rows("web_models", IdentityJob.GRAPH_UPDATES, "identifier_value"))
        .extracting(r -> r.getAs("identifier_value") + ":" + r.getAs("previous_canonical_user_id") + "->"
            + r.getAs("canonical_user_id"))
        .containsExactly("a4:u4->u2", "u4:u4->u2");
  }

  @Test
  void aDeviceThatBecomesSharedLeavesThePersonItJoined() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lines.add(seen("k" + i, "kiosk", "u" + i, "2026-01-01T10:00:0" + i + "Z"));
    }
    wh.file("day1.json", lines.toArray(String[]::new));
    wh.load("web");
    job(wh, ALWAYS_SCOPED).run();
    assertThat(mappings(wh)).containsEntry("anonymous_id:kiosk", "u0");

    // a sixth user on it: more than five, a shared device
    wh.file("day2.json", seen("k5", "kiosk", "u5", "2026-01-02T10:00:00Z"));
    wh.load("web");
    IdentityJob.Summary second = job(wh, ALWAYS_SCOPED).run();

    assertThat(second.plan()).isEqualTo(IdentityJob.Plan.INCREMENTAL);
    assertThat(second.sharedIdentifiers()).isEqualTo(1);
    assertThat(mappings(wh)).containsEntry("anonymous_id:kiosk", "kiosk").containsEntry("user_id:u0", "u0")
        .containsEntry("user_id:u5", "u5");
    assertThat(second.people()).isEqualTo(7);
    assertThat(wh.rows("web_models", IdentityJob.SHARED, "identifier_value"))
        .extracting(r -> r.getAs("identifier_value") + ":" + r.getAs("distinct_user_ids"))
        .containsExactly("kiosk:6");
  }

  @Test
  void aLateEventMovesADeviceToTheUserItWasReallyFirstSeenWith() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("day1.json", seen("m1", "laptop", "alice", "2026-01-05T10:00:00Z"),
        seen("m2", "phone", "bob", "2026-01-05T11:00:00Z"));
    wh.load("web");
    job(wh, ALWAYS_SCOPED).run();
    // seen first in the same event as alice: the tie goes to the user id
    assertThat(mappings(wh)).containsEntry("anonymous_id:laptop", "alice");

    // loaded today, but it happened before alice used the laptop
    wh.file("day2.json", seen("m3", "laptop", "bob", "2026-01-01T10:00:00Z"));
    wh.load("web");
    IdentityJob.Summary second = job(wh, ALWAYS_SCOPED).run();

    assertThat(second.plan()).isEqualTo(IdentityJob.Plan.INCREMENTAL);
    Map<String, String> mappings = mappings(wh);
    assertThat(mappings.get("anonymous_id:laptop")).isEqualTo(mappings.get("user_id:bob"));
    assertThat(mappings.get("user_id:alice")).isEqualTo("alice");
    assertThat(second.people()).isEqualTo(2);
  }

  @Test
  void identifiersWithQuotesAndBackslashesAreReplacedByName() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("day1.json", seen("m1", "o'neil\\\\laptop", "o'neil", "2026-01-01T10:00:00Z"),
        seen("m2", "a2", "u2", "2026-01-01T11:00:00Z"));
    wh.load("web");
    job(wh, ALWAYS_SCOPED).run();

    wh.file("day2.json", identify("m3", "o'neil", "2026-01-02T10:00:00Z", "{\"plan\":\"pro\"}"));
    wh.load("web");
    IdentityJob.Summary second = job(wh, ALWAYS_SCOPED).run();

    assertThat(second.plan()).isEqualTo(IdentityJob.Plan.INCREMENTAL);
    List<Row> profiles = wh.rows("web_models", IdentityJob.PROFILES, "canonical_user_id");
    assertThat(profiles).extracting(r -> r.<String>getAs("canonical_user_id") + "=" + r.getAs("plan"))
        .containsExactly("o'neil=pro", "u2=null");
    assertThat(mappings(wh)).containsEntry("anonymous_id:o'neil\\laptop", "o'neil");
  }

  @Test
  void anIncrementTouchingMostOfTheGraphRecomputesItWhole() {
    WarehouseFixture wh = fivePeople(tmp);
    job(wh, IdentityJob.IncrementLimits.defaults()).run();

    wh.file("day2.json", seen("d2-1", "a1", "u1", "2026-01-02T10:00:00Z"),
        seen("d2-2", "a2", "u2", "2026-01-02T10:00:00Z"), seen("d2-3", "a3", "u3", "2026-01-02T10:00:00Z"));
    wh.load("web");
    IdentityJob.Summary second = job(wh, IdentityJob.IncrementLimits.defaults()).run();

    assertThat(second.plan()).isEqualTo(IdentityJob.Plan.RECOMPUTE);
    assertThat(second.why()).isEqualTo("the increment touches 6 of 10 identifiers");
    assertThat(second.recomputed()).isEqualTo(10);
    assertThat(second.people()).isEqualTo(5);
  }

  @Test
  void changedSettingsRebuildFromEveryEvent() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("day1.json", identify("m1", "u1", "2026-01-01T10:00:00Z", "{\"email\":\"ada@example.com\"}"),
        identify("m2", "u2", "2026-01-02T10:00:00Z", "{\"email\":\"Ada@example.com\"}"));
    wh.load("web");
    ModelContext context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
    new IdentityJob(context, IdentityOptions.defaults()).run();
    assertThat(mappings(wh)).containsEntry("user_id:u2", "u2");

    // no new events, but emails now join people: the stored rules never saw them
    IdentityJob.Summary withEmails = new IdentityJob(context, new IdentityOptions(true, 5, null, null)).run();

    assertThat(withEmails.plan()).isEqualTo(IdentityJob.Plan.REBUILD);
    assertThat(withEmails.why()).isEqualTo("the identity settings are not those of the last run");
    assertThat(withEmails.newEvents()).isEqualTo(2);
    assertThat(mappings(wh)).containsEntry("user_id:u2", "u1").containsEntry("email:ada@example.com", "u1");
  }

  @Test
  void dailyIncrementsEndWhereOneRunOverEveryEventEnds() throws Exception {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    SampleArchiveGenerator archive = new SampleArchiveGenerator(new SampleOptions(3_000, 120, 6, 7, 0, 0,
        LocalDate.of(2026, 3, 1), "web-js", 0));
    List<IdentityJob.Summary> nights = new ArrayList<>();
    for (int day = 0; day < 6; day++) {
      archive.generateDays(wh.input(), day, day + 1);
      wh.load("web");
      nights.add(job(wh, ALWAYS_SCOPED).run());
    }
    assertThat(nights.subList(1, 6)).extracting(IdentityJob.Summary::plan).containsOnly(IdentityJob.Plan.INCREMENTAL);
    assertThat(nights.subList(1, 6)).allSatisfy(n -> assertThat(n.recomputed()).isLessThan(n.identifiers()));
    IdentityJob.Summary last = nights.get(5);
    Map<String, List<String>> incremental = snapshot(wh);

    IdentityJob.Summary rebuilt = job(wh, ALWAYS_SCOPED).run(true);

    assertThat(rebuilt.plan()).isEqualTo(IdentityJob.Plan.REBUILD);
    assertThat(rebuilt.changed()).isZero();
    assertThat(snapshot(wh)).isEqualTo(incremental);
    assertThat(List.of(rebuilt.identifiers(), rebuilt.people(), rebuilt.sharedIdentifiers()))
        .isEqualTo(List.of(last.identifiers(), last.people(), last.sharedIdentifiers()));
    assertThat(last.people()).isLessThan(last.identifiers());
  }

  /**
   * Random nights over a small world, so devices are shared, people merge by alias, and events
   * arrive late: after each night, the incremental warehouse holds what a rebuild from every event
   * holds.
   */
  @Test
  void randomNightsOfSharedDevicesAliasesAndLateEventsMatchARebuildEachNight() {
    WarehouseFixture incremental = new WarehouseFixture(tmp.resolve("incremental"));
    WarehouseFixture rebuilt = new WarehouseFixture(tmp.resolve("rebuilt"));
    java.util.Random random = new java.util.Random(20261201);
    java.util.Set<String> usersSeen = new java.util.HashSet<>();
    int message = 0;
    for (int night = 0; night < 5; night++) {
      List<String> lines = new ArrayList<>();
      java.util.Set<String> usersTonight = new java.util.HashSet<>();
      for (int i = 0; i < 30; i++) {
        // late events: any day up to this night
        String at = String.format("2026-02-%02dT%02d:%02d:00Z", 1 + random.nextInt(night + 1), random.nextInt(24),
            random.nextInt(60));
        String user = "u" + random.nextInt(12);
        if (random.nextInt(8) == 0 && !usersSeen.isEmpty()) {
          // previous_id a user id seen on an earlier night, or a device: typed alike by both runs
          List<String> earlier = new ArrayList<>(new java.util.TreeSet<>(usersSeen));
          String previous = random.nextBoolean() ? earlier.get(random.nextInt(earlier.size()))
              : "d" + random.nextInt(15);
          lines.add(alias("r" + message++, previous, user, at));
        } else {
          // device 0 and 1 are used by many: they become shared on some night
          String device = "d" + (random.nextInt(3) == 0 ? random.nextInt(2) : random.nextInt(15));
          lines.add(seen("r" + message++, device, user, at));
        }
        usersTonight.add(user);
      }
      usersSeen.addAll(usersTonight);
      for (WarehouseFixture wh : List.of(incremental, rebuilt)) {
        wh.file("night" + night + ".json", lines.toArray(String[]::new));
        wh.load("web");
      }
      IdentityJob.Summary scoped = job(incremental, ALWAYS_SCOPED).run();
      IdentityJob.Summary whole = job(rebuilt, ALWAYS_SCOPED).run(true);

      assertThat(snapshot(incremental)).as("night %d", night).isEqualTo(snapshot(rebuilt));
      assertThat(List.of(scoped.identifiers(), scoped.people(), scoped.sharedIdentifiers())).as("night %d", night)
          .isEqualTo(List.of(whole.identifiers(), whole.people(), whole.sharedIdentifiers()));
      if (night > 0) {
        assertThat(scoped.plan()).isEqualTo(IdentityJob.Plan.INCREMENTAL);
      }
    }
    assertThat(incremental.count("web_models", IdentityJob.SHARED)).isPositive();
    assertThat(incremental.count("web_models", IdentityJob.GRAPH_UPDATES)).isPositive();
  }

  /** Every row of the model's state tables, as sorted text, by table. */
  private static Map<String, List<String>> snapshot(WarehouseFixture wh) {
    Map<String, List<String>> tables = new TreeMap<>();
    for (String table : List.of(IdentityJob.MAPPINGS, IdentityJob.MERGE_RULES, IdentityJob.SHARED,
        IdentityJob.PROFILES)) {
      Dataset<Row> rows = wh.warehouse().read(new TableId("web_models", table));
      String[] columns = rows.columns().clone();
      java.util.Arrays.sort(columns);
      tables.put(table, rows.selectExpr(columns).collectAsList().stream().map(Row::toString).sorted().toList());
    }
    return tables;
  }
}
