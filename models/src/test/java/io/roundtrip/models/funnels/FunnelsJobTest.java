package io.roundtrip.models.funnels;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.ModelContext;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.models.identity.IdentityOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
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
}
