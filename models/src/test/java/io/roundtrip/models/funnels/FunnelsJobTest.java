package io.roundtrip.models.funnels;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.ModelContext;
import io.roundtrip.models.costs.CostsSource;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.models.identity.IdentityOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign funnel over loaded events, counting people after identity resolution. */
class FunnelsJobTest {

  @TempDir
  Path tmp;

  static String storePage(String id, String anon, String user, String at, String campaign) {
    return "{\"type\":\"page\",\"messageId\":\"" + id + "\",\"anonymousId\":\"" + anon + "\""
        + (user == null ? "" : ",\"userId\":\"" + user + "\"") + ",\"name\":\"Store\",\"receivedAt\":\"" + at
        + "\",\"properties\":{\"path\":\"/store/shoes\"},\"context\":{\"campaign\":{\"name\":\"" + campaign
        + "\",\"medium\":\"email\"}}}";
  }

  static String event(String id, String anon, String user, String event, String at, String properties) {
    return "{\"type\":\"track\",\"messageId\":\"" + id + "\",\"anonymousId\":\"" + anon + "\""
        + (user == null ? "" : ",\"userId\":\"" + user + "\"") + ",\"event\":\"" + event + "\",\"receivedAt\":\""
        + at + "\",\"properties\":" + properties + "}";
  }

  @Test
  void theCampaignFunnelCountsPeopleAcrossTheirAnonymousAndIdentifiedEvents() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        // one person: visits anonymously from the spring campaign, then buys signed in
        storePage("m1", "a1", null, "2026-01-01T10:00:00Z", "spring"),
        event("m2", "a1", null, "Product Viewed", "2026-01-01T10:05:00Z", "{\"sku\":\"S1\"}"),
        event("m3", "a1", "u1", "Order Completed", "2026-01-02T10:00:00Z", "{\"revenue\":40.0}"),
        // another person from the same campaign views but does not buy
        storePage("m4", "a2", null, "2026-01-01T11:00:00Z", "spring"),
        event("m5", "a2", null, "Product Viewed", "2026-01-01T11:01:00Z", "{}"),
        // a third from another campaign buys after the 14-day window
        storePage("m6", "a3", null, "2026-01-01T12:00:00Z", "winter"),
        event("m7", "a3", null, "Product Viewed", "2026-01-02T12:00:00Z", "{}"),
        event("m8", "a3", null, "Order Completed", "2026-01-20T12:00:00Z", "{\"total\":15.0}"));
    wh.load("web");
    ModelContext context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
    new IdentityJob(context, IdentityOptions.defaults()).run();

    FunnelDefinition funnel = FunnelDefinition.campaignFunnel().withBreakdown(List.of("context_campaign_name"));
    List<FunnelRow> rows = new FunnelsJob(context).report(funnel);

    assertThat(rows).extracting(FunnelRow::breakdown, FunnelRow::step, FunnelRow::users).containsExactly(
        org.assertj.core.groups.Tuple.tuple("spring", 1, 2L),
        org.assertj.core.groups.Tuple.tuple("spring", 2, 2L),
        org.assertj.core.groups.Tuple.tuple("spring", 3, 1L),
        org.assertj.core.groups.Tuple.tuple("winter", 1, 1L),
        org.assertj.core.groups.Tuple.tuple("winter", 2, 1L),
        org.assertj.core.groups.Tuple.tuple("winter", 3, 0L));
    FunnelRow bought = rows.get(2);
    assertThat(bought.revenue()).isEqualTo(40.0);
    assertThat(bought.conversionFromFirst()).isEqualTo(0.5);
    assertThat(bought.avgSeconds()).isEqualTo(86_100.0);

    List<String> tables = new FunnelsJob(context).run(List.of(FunnelDefinition.campaignFunnel()));
    assertThat(tables).containsExactly("funnel_" + FunnelDefinition.campaignFunnel().name());
    List<Row> stored = wh.rows("web_models", tables.get(0), "step");
    assertThat(stored).hasSize(6);
  }

  @Test
  void theLastStepCarriesEachCampaignsSpendAgainstItsRevenueNetOfRefunds() throws Exception {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        // spring / email: two buyers, 100 and 60 of which 20 refunded: revenue 140
        storePage("m1", "a1", null, "2026-01-01T10:00:00Z", "spring"),
        event("m2", "a1", null, "Product Viewed", "2026-01-01T10:05:00Z", "{}"),
        event("m3", "a1", null, "Order Completed", "2026-01-01T10:10:00Z", "{\"order_id\":\"o1\",\"revenue\":100}"),
        storePage("m4", "a2", null, "2026-01-02T10:00:00Z", "spring"),
        event("m5", "a2", null, "Product Viewed", "2026-01-02T10:05:00Z", "{}"),
        event("m6", "a2", null, "Order Completed", "2026-01-02T10:10:00Z", "{\"order_id\":\"o2\",\"revenue\":60}"),
        event("m7", "a2", null, "Order Refunded", "2026-01-05T10:00:00Z", "{\"order_id\":\"o2\",\"revenue\":20}"),
        // winter / email: one buyer whose order is cancelled: revenue 0, still a person who got there
        storePage("m8", "a3", null, "2026-01-01T11:00:00Z", "winter"),
        event("m9", "a3", null, "Product Viewed", "2026-01-01T11:05:00Z", "{}"),
        event("m10", "a3", null, "Order Completed", "2026-01-01T11:10:00Z", "{\"order_id\":\"o3\",\"revenue\":30}"),
        event("m11", "a3", null, "Order Cancelled", "2026-01-01T12:00:00Z", "{\"order_id\":\"o3\",\"revenue\":30}"),
        // summer / email: no cost lines, so its spend is unknown
        storePage("m12", "a4", null, "2026-01-01T12:00:00Z", "summer"),
        event("m13", "a4", null, "Product Viewed", "2026-01-01T12:05:00Z", "{}"),
        event("m14", "a4", null, "Order Completed", "2026-01-01T12:10:00Z", "{\"order_id\":\"o4\",\"revenue\":50}"));
    wh.load("web");
    Path csv = tmp.resolve("costs.csv");
    Files.writeString(csv, "campaign,source,medium,day,spend\n"
        + "spring,google,email,2026-01-01,50\n"
        + "spring,facebook,email,2026-01-02,30\n"
        + "winter,google,email,2026-01-01,20\n"
        + "autumn,google,email,2026-01-01,99\n");
    ModelContext context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
    FunnelDefinition funnel = FunnelDefinition.campaignFunnel().withCosts(CostsSource.ofFile(csv.toString()));

    List<String> tables = new FunnelsJob(context).run(List.of(funnel));

    List<Row> last = wh.warehouse().read(context.modelTable(tables.get(0))).where("step = 3")
        .orderBy("breakdown").collectAsList();
    // spring / email: spend 50 + 30 = 80 for 2 buyers: CPA 40; ROI (140 - 80) / 80 = 0.75; ROAS 140 / 80 = 1.75
    // summer / email: no cost line: all NULL
    // winter / email: spend 20 for 1 buyer, revenue 0: CPA 20, ROI (0 - 20) / 20 = -1, ROAS 0
    assertThat(last).extracting(r -> r.getAs("breakdown"), r -> r.getAs("users"), r -> r.getAs("revenue"),
        r -> r.getAs("spend"), r -> r.getAs("cost_per_acquisition"), r -> r.getAs("roi"), r -> r.getAs("roas"))
        .containsExactly(
            Tuple.tuple("spring / email", 2L, 140.0, 80.0, 40.0, 0.75, 1.75),
            Tuple.tuple("summer / email", 1L, 50.0, null, null, null, null),
            Tuple.tuple("winter / email", 1L, 0.0, 20.0, 20.0, -1.0, 0.0));
    List<Row> earlier = wh.warehouse().read(context.modelTable(tables.get(0))).where("step < 3").collectAsList();
    assertThat(earlier).hasSize(6).allSatisfy(r -> assertThat(r.<Double>getAs("spend")).isNull());
  }

  @Test
  void withCostsEveryBreakdownPropertyMustBeACampaignField() {
    FunnelDefinition funnel = FunnelDefinition.campaignFunnel().withBreakdown(List.of("context_campaign_name", "plan"));
    assertThat(org.assertj.core.api.Assertions.catchThrowable(
        () -> funnel.withCosts(new CostsSource.File("costs.csv", "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("funnel 'campaign' breaks down by plan, which campaign costs cannot be matched on: with costs, "
            + "break down by context_campaign_name, context_campaign_source, context_campaign_medium (the costs' "
            + "campaign, source and medium)");
  }
}
