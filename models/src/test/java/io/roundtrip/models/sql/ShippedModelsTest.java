package io.roundtrip.models.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.load.LoadJob;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadRequest;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.models.ltv.LtvJob;
import io.roundtrip.models.sql.runs.LoadedProject;
import io.roundtrip.models.sql.runs.NodeResult;
import io.roundtrip.models.sql.runs.RunReport;
import io.roundtrip.models.sql.runs.SqlRunner;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models that ship in {@code sql/} (the repository's, read in place) built with their tests on a
 * generated archive loaded as source {@code demo}, as {@code roundtrip demo} loads it, with the
 * identity and lifetime-value tables beside it (made here in SQL, in the shape their jobs write).
 */
class ShippedModelsTest {

  static final Path SHIPPED = Path.of("..", "sql");

  @TempDir
  static Path tmp;
  static WarehouseFixture wh;
  static RunReport build;
  static final List<String> progress = new ArrayList<>();

  @BeforeAll
  static void buildOnGeneratedEvents() throws Exception {
    wh = new WarehouseFixture(tmp);
    new SampleArchiveGenerator(new SampleOptions(2500, 150, 7, 42, 0, 0, LocalDate.of(2026, 1, 1), "demo-web", 0))
        .generate(tmp.resolve("archive"));
    LoadJob load = new LoadJob(wh.spark(), wh.warehouse(), new NameRules(Dialect.DELTA));
    load.run(load.plan(new LoadRequest("demo", tmp.resolve("archive").toString(), LoadRequest.DEFAULT_DEDUP_WINDOW, 4)),
        LoadProgress.SILENT);
    wh.warehouse().ability(SqlCatalog.class).orElseThrow().registerTables();
    // the identity model's mappings, as it writes them for people who never merged: each user id is a
    // person, and an anonymous id belongs to the first user id seen with it (the job itself is tested
    // in its own module and costs half a minute here)
    wh.warehouse().write(new TableId("demo_models", IdentityJob.MAPPINGS), wh.spark().sql("""
        with seen as (
          select anonymous_id, user_id, received_at from demo.tracks
          union all select anonymous_id, user_id, received_at from demo.pages
          union all select anonymous_id, user_id, received_at from demo.identifies
        ),
        anonymous as (
          select anonymous_id, min_by(user_id, case when user_id is not null then received_at end) as user_id,
            min(received_at) as first_seen, max(received_at) as last_seen
          from seen where anonymous_id is not null group by anonymous_id
        )
        select 'anonymous_id' as identifier_type, anonymous_id as identifier_value,
          coalesce(user_id, anonymous_id) as canonical_user_id, first_seen, last_seen from anonymous
        union all
        select 'user_id', user_id, user_id, min(received_at), max(received_at)
        from seen where user_id is not null group by user_id"""), WriteMode.overwrite());
    wh.warehouse().write(new TableId("demo_models", "profiles"), wh.spark().sql(
        "select id as canonical_user_id, email, first_name, last_name, plan from demo.users"), WriteMode.overwrite());
    wh.warehouse().ability(SqlCatalog.class).orElseThrow().registerTables();
    // the lifetime-value fit needs more weeks of data than a test should load: ltv_customers, same columns,
    // from the buyers' order totals
    wh.warehouse().write(new TableId("demo_models", LtvJob.CUSTOMERS), wh.spark().sql("""
        select m.canonical_user_id, count(*) - 1 as frequency, 1.0 as recency, 1.0 as T,
          avg(o.revenue) as monetary, 0.9 as p_alive, 2.0 as expected_purchases, avg(o.revenue) as expected_avg_value,
          sum(o.revenue) * 2 as clv, ntile(10) over (order by sum(o.revenue) desc) as decile
        from demo.order_completed o
        join demo_models.identity_mappings m
          on m.identifier_value = coalesce(o.user_id, o.anonymous_id)
          and m.identifier_type = case when o.user_id is null then 'anonymous_id' else 'user_id' end
        group by m.canonical_user_id"""), WriteMode.overwrite());
    LoadedProject project = LoadedProject.load(SHIPPED, "analytics", Map.of(), Map.of());
    build = new SqlRunner(project, wh.spark(), wh.warehouse(), Clock.systemUTC(), progress::add)
        .execute(SqlRunner.Command.BUILD, SqlRunner.Options.defaults());
  }

  private static List<Row> query(String sql) {
    wh.warehouse().ability(SqlCatalog.class).orElseThrow().registerTables();
    return wh.spark().sql(sql).collectAsList();
  }

  @Test
  void everyShippedModelBuildsAndPassesItsTests() {
    assertThat(build.results().stream().filter(NodeResult::failed).toList()).as(String.join("\n", progress)).isEmpty();
    assertThat(build.results()).extracting(NodeResult::name).contains("sessions", "daily_active_users",
        "campaign_roi", "page_views_per_session", "top_customers", "campaign_spend", "sessions_end_after_they_start");
    assertThat(build.count("skipped")).isZero();
  }

  @Test
  void sessionsSplitAfterThirtyMinutesAndUseTheCanonicalPerson() {
    // no two events of a session are more than 30 minutes apart, and consecutive sessions are
    long people = query("select count(distinct canonical_user_id) from demo_models.identity_mappings").get(0).getLong(0);
    assertThat(query("select count(distinct person_id) from analytics.sessions").get(0).getLong(0)).isEqualTo(people);
    List<Row> gaps = query("""
        select min(unix_seconds(s.session_start) - unix_seconds(p.session_end))
        from analytics.sessions s join analytics.sessions p
          on p.person_id = s.person_id and p.session_number = s.session_number - 1""");
    assertThat(gaps.get(0).getLong(0)).isGreaterThan(30 * 60);
    assertThat(query("select count(*) from analytics.sessions where duration_seconds < 0").get(0).getLong(0)).isZero();
  }

  @Test
  void pageViewsPerSessionAddUpToThePageViews() {
    long pages = query("select count(*) from demo.pages").get(0).getLong(0);
    assertThat(query("select sum(page_views) from analytics.page_views_per_session").get(0).getLong(0)).isEqualTo(pages);
    assertThat(query("select sum(sessions) from analytics.page_views_per_session").get(0).getLong(0))
        .isEqualTo(query("select count(*) from analytics.sessions").get(0).getLong(0));
  }

  @Test
  void dailyActiveUsersCountEachPersonOncePerDay() {
    List<Row> days = query("select count(*), sum(active_people) from analytics.daily_active_users");
    assertThat(days.get(0).getLong(0)).isEqualTo(7);
    long expected = query("select count(*) from (select distinct person_id, cast(session_start as date) "
        + "from analytics.sessions)").get(0).getLong(0);
    assertThat(days.get(0).getLong(1)).isGreaterThanOrEqualTo(expected - 50).isPositive();
  }

  @Test
  void theCampaignFunnelNarrowsAtEachStepAndHasSpend() {
    List<Row> campaigns = query("select campaign_name, people, visited_store, viewed_product, ordered, spend "
        + "from analytics.campaign_roi");
    assertThat(campaigns).isNotEmpty();
    for (Row row : campaigns) {
      assertThat(row.getLong(1)).isGreaterThanOrEqualTo(row.getLong(2));
      assertThat(row.getLong(1)).isGreaterThanOrEqualTo(row.getLong(4));
      assertThat(row.isNullAt(5)).as("spend of " + row.getString(0)).isFalse();
    }
  }

  @Test
  void topCustomersAreRankedByLifetimeValue() {
    List<Row> top = query("select clv_rank, clv from analytics.top_customers order by clv_rank");
    assertThat(top).isNotEmpty();
    for (int i = 1; i < top.size(); i++) {
      assertThat(top.get(i).getInt(0)).isEqualTo(i + 1);
      assertThat(top.get(i).getDouble(1)).isLessThanOrEqualTo(top.get(i - 1).getDouble(1));
    }
    assertThat(top.get(0).getDouble(1)).isEqualTo(query("select round(max(clv), 2) from demo_models.ltv_customers")
        .get(0).getDouble(0));
  }
}
