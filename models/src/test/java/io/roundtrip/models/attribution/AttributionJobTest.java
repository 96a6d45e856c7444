package io.roundtrip.models.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.ModelContext;
import io.roundtrip.models.costs.CostsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributionJobTest {

  @TempDir
  Path tmp;

  static String visit(String id, String user, String at, String url, String campaign, String source) {
    return "{\"type\":\"page\",\"messageId\":\"" + id + "\",\"userId\":\"" + user + "\",\"receivedAt\":\"" + at
        + "\",\"properties\":{\"url\":\"" + url + "\"}"
        + (campaign == null ? "" : ",\"context\":{\"campaign\":{\"name\":\"" + campaign + "\",\"source\":\"" + source
        + "\",\"medium\":\"cpc\"}}") + "}";
  }

  static String order(String id, String user, String at, double revenue) {
    return "{\"type\":\"track\",\"event\":\"Order Completed\",\"messageId\":\"" + id + "\",\"userId\":\"" + user
        + "\",\"receivedAt\":\"" + at + "\",\"properties\":{\"revenue\":" + revenue + "}}";
  }

  static String track(String id, String user, String at, String event, String properties) {
    return "{\"type\":\"track\",\"event\":\"" + event + "\",\"messageId\":\"" + id + "\",\"userId\":\"" + user
        + "\",\"receivedAt\":\"" + at + "\",\"properties\":" + properties + "}";
  }

  static String shared(String id, String user, String at, String event, String shareVia) {
    return "{\"type\":\"track\",\"event\":\"" + event + "\",\"messageId\":\"" + id + "\",\"userId\":\"" + user
        + "\",\"receivedAt\":\"" + at + "\",\"properties\":{" + (shareVia == null ? "" : "\"share_via\":\"" + shareVia + "\"")
        + "}}";
  }

  @Test
  void sharesAreCountedPerChannelWhenTheArchiveHasShareEvents() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        visit("m1", "u1", "2026-01-05T10:00:00Z", "https://get.shop.example/-i34/ab12cd", null, null),
        shared("s1", "u1", "2026-01-04T10:00:00Z", "Product Shared", "whatsapp"),
        shared("s2", "u2", "2026-01-04T11:00:00Z", "Product Shared", "whatsapp"),
        shared("s3", "u2", "2026-01-04T12:00:00Z", "Product Shared", "email"),
        shared("s4", "u3", "2026-01-04T13:00:00Z", "Link Copied", null),
        order("m4", "u1", "2026-01-09T10:10:00Z", 100.0));
    wh.load("web");
    ModelContext context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
    AttributionJob.Options options = new AttributionJob.Options("Order Completed", List.of("revenue"),
        ConversionAttribution.DEFAULT_LOOKBACK, new ReferralLinks("get.shop.example", Map.of()), null);

    new AttributionJob(context, options).run();

    List<Row> channels = wh.warehouse().read(context.modelTable(AttributionJob.REFERRAL_CHANNELS))
        .where("model = 'LAST_TOUCH'").orderBy("channel").collectAsList();
    assertThat(channels).extracting(r -> r.getAs("channel"), r -> r.getAs("shares"), r -> r.getAs("clicks"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("copy_link", 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("email", 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("whatsapp", 2L, 1L));
  }

  @Test
  void creditsEachPurchaseToItsTouchesByEveryModelAndCountsReferralClicks() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        visit("m1", "u1", "2026-01-01T10:00:00Z", "https://shop.example/", "spring", "google"),
        visit("m2", "u1", "2026-01-05T10:00:00Z", "https://get.shop.example/-i34/ab12cd", null, null),
        visit("m3", "u1", "2026-01-09T10:00:00Z", "https://shop.example/", "retarget", "facebook"),
        order("m4", "u1", "2026-01-09T10:10:00Z", 100.0),
        // u2 buys with no touch in 30 days: direct
        visit("m5", "u2", "2025-11-01T10:00:00Z", "https://shop.example/", "old", "google"),
        order("m6", "u2", "2026-01-09T10:00:00Z", 50.0),
        visit("m7", "u3", "2026-01-02T10:00:00Z", "https://get.shop.example/-i34/ab12cd", null, null));
    wh.load("web");
    ModelContext context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
    AttributionJob.Options options = new AttributionJob.Options("Order Completed", List.of("revenue"),
        ConversionAttribution.DEFAULT_LOOKBACK, new ReferralLinks("get.shop.example", Map.of("-i34", "whatsapp")),
        null);

    AttributionJob.Summary summary = new AttributionJob(context, options).run();

    assertThat(summary.conversions()).isEqualTo(2);
    assertThat(summary.revenue()).isEqualTo(150.0);
    List<Row> byCampaign = wh.warehouse().read(context.modelTable(AttributionJob.BY_CAMPAIGN))
        .where("model = 'POSITION_BASED'").orderBy("campaign").collectAsList();
    assertThat(byCampaign).extracting(r -> r.getAs("campaign"), r -> r.getAs("conversions"), r -> r.getAs("revenue"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("(direct)", 1.0, 50.0),
            org.assertj.core.groups.Tuple.tuple("referral", 0.2, 20.0),
            org.assertj.core.groups.Tuple.tuple("retarget", 0.4, 40.0),
            org.assertj.core.groups.Tuple.tuple("spring", 0.4, 40.0));
    for (AttributionModel model : AttributionModel.values()) {
      double total = wh.warehouse().read(context.modelTable(AttributionJob.BY_CAMPAIGN))
          .where("model = '" + model.name() + "'").agg(org.apache.spark.sql.functions.sum("conversions"))
          .first().getDouble(0);
      assertThat(total).as(model.name()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    }
    Row referral = wh.warehouse().read(context.modelTable(AttributionJob.REFERRALS))
        .where("model = 'LINEAR'").first();
    assertThat(referral.<String>getAs("channel")).isEqualTo("whatsapp");
    assertThat(referral.<String>getAs("advocate")).isEqualTo("ab12cd");
    assertThat(referral.<Long>getAs("clicks")).isEqualTo(2L);
    assertThat(referral.<Double>getAs("conversions")).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void byCampaignSetsEachCampaignsSpendAgainstItsRevenueNetOfRefundsUnderEveryModel() throws Exception {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        // u1: touched by spring then retarget, buys 100, 30 of it refunded: 70
        visit("m1", "u1", "2026-01-01T10:00:00Z", "https://shop.example/", "spring", "google"),
        visit("m2", "u1", "2026-01-05T10:00:00Z", "https://shop.example/", "retarget", "facebook"),
        track("m3", "u1", "2026-01-06T10:00:00Z", "Order Completed", "{\"order_id\":\"o1\",\"revenue\":100}"),
        track("m4", "u1", "2026-01-08T10:00:00Z", "Order Refunded", "{\"order_id\":\"o1\",\"revenue\":30}"),
        // u2: touched by spring, buys 40 and cancels: a conversion of revenue 0
        visit("m5", "u2", "2026-01-02T10:00:00Z", "https://shop.example/", "spring", "google"),
        track("m6", "u2", "2026-01-03T10:00:00Z", "Order Completed", "{\"order_id\":\"o2\",\"revenue\":40}"),
        track("m7", "u2", "2026-01-03T11:00:00Z", "Order Cancelled", "{\"order_id\":\"o2\"}"),
        // u3: touched by winter, which has no cost line, buys 50
        visit("m8", "u3", "2026-01-02T10:00:00Z", "https://shop.example/", "winter", "google"),
        track("m9", "u3", "2026-01-03T10:00:00Z", "Order Completed", "{\"order_id\":\"o3\",\"revenue\":50}"));
    wh.load("web");
    Path csv = tmp.resolve("costs.csv");
    Files.writeString(csv, "campaign,source,medium,day,spend\n"
        + "spring,google,cpc,2026-01-01,20\n"
        + "spring,google,cpc,2026-01-02,15\n"
        + "retarget,facebook,cpc,2026-01-05,10\n"
        + "spring,facebook,cpc,2026-01-05,1000\n");
    ModelContext context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
    AttributionJob.Options options = AttributionJob.Options.defaults().withCosts(CostsSource.ofFile(csv.toString()));

    AttributionJob.Summary summary = new AttributionJob(context, options).run();

    // 70 + 0 + 50
    assertThat(summary.conversions()).isEqualTo(3);
    assertThat(summary.revenue()).isEqualTo(120.0);
    // spring / google / cpc spent 20 + 15 = 35 (spring / facebook's 1000 is another line); retarget 10
    // linear: u1's 70 is half spring, half retarget; u2's conversion (0) is spring's; u3's 50 winter's
    //   spring: 1.5 conversions, 35 revenue: CPA 35 / 1.5, ROI (35 - 35) / 35 = 0, ROAS 1
    //   retarget: 0.5 conversions, 35 revenue: CPA 20, ROI (35 - 10) / 10 = 2.5, ROAS 3.5
    // last touch: retarget has u1 (70), spring has u2 (0)
    //   retarget: CPA 10, ROI (70 - 10) / 10 = 6, ROAS 7; spring: CPA 35, ROI -1, ROAS 0
    assertThat(byCampaign(wh, context, "LINEAR")).containsExactly(
        Tuple.tuple("retarget", 0.5, 35.0, 10.0, 20.0, 2.5, 3.5),
        Tuple.tuple("spring", 1.5, 35.0, 35.0, 35.0 / 1.5, 0.0, 1.0),
        Tuple.tuple("winter", 1.0, 50.0, null, null, null, null));
    assertThat(byCampaign(wh, context, "LAST_TOUCH")).containsExactly(
        Tuple.tuple("retarget", 1.0, 70.0, 10.0, 10.0, 6.0, 7.0),
        Tuple.tuple("spring", 1.0, 0.0, 35.0, 35.0, -1.0, 0.0),
        Tuple.tuple("winter", 1.0, 50.0, null, null, null, null));
  }

  @Test
  void withoutCostsTheSpendColumnsAreNullAndWithoutRefundEventsRevenueIsAsSold() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        visit("m1", "u1", "2026-01-01T10:00:00Z", "https://shop.example/", "spring", "google"),
        track("m2", "u1", "2026-01-02T10:00:00Z", "Order Completed", "{\"order_id\":\"o1\",\"revenue\":100}"),
        track("m3", "u1", "2026-01-03T10:00:00Z", "Order Refunded", "{\"order_id\":\"o1\"}"));
    wh.load("web");
    ModelContext context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");

    AttributionJob.Summary refunded = new AttributionJob(context, AttributionJob.Options.defaults()).run();
    assertThat(refunded.revenue()).isEqualTo(0.0);
    assertThat(byCampaign(wh, context, "FIRST_TOUCH")).containsExactly(
        Tuple.tuple("spring", 1.0, 0.0, null, null, null, null));

    AttributionJob.Summary asSold = new AttributionJob(context,
        AttributionJob.Options.defaults().withRefundEvents(List.of())).run();
    assertThat(asSold.revenue()).isEqualTo(100.0);
  }

  static List<Tuple> byCampaign(WarehouseFixture wh, ModelContext context, String model) {
    return wh.warehouse().read(context.modelTable(AttributionJob.BY_CAMPAIGN)).where("model = '" + model + "'")
        .orderBy("campaign").collectAsList().stream()
        .map(r -> Tuple.tuple(r.getAs("campaign"), r.getAs("conversions"), r.getAs("revenue"), r.getAs("spend"),
            r.getAs("cost_per_acquisition"), r.getAs("roi"), r.getAs("roas")))
        .toList();
  }
}
