package io.roundtrip.models.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.ModelContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
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
}
