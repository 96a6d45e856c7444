package io.roundtrip.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.costs.CostsSource;
import io.roundtrip.models.events.OrderRefunds;
import io.roundtrip.models.funnels.FunnelDefinition;
import io.roundtrip.warehouse.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** models.funnels[].costs, models.attribution.costs and the refund events, as roundtrip.yml gives them. */
class ModelsConfigTest {

  @TempDir
  Path tmp;

  private ModelsConfig load(String yaml) throws IOException {
    Path file = tmp.resolve("roundtrip.yml");
    Files.writeString(file, yaml);
    return ConfigFile.load(file, Map.of()).models();
  }

  private Path costs() throws IOException {
    Path csv = tmp.resolve("costs.csv");
    Files.writeString(csv, "campaign,source,medium,day,spend\nspring,google,cpc,2026-01-01,10\n");
    return csv;
  }

  @Test
  void refundEventsAreOnByDefaultForLtvFunnelsAndAttribution() throws IOException {
    ModelsConfig models = load("models: {}\n");

    assertThat(OrderRefunds.DEFAULT_EVENTS).containsExactly("Order Refunded", "Order Cancelled");
    assertThat(models.ltv().options().refundEvents()).isEqualTo(OrderRefunds.DEFAULT_EVENTS);
    assertThat(models.funnelDefinitions()).extracting(FunnelDefinition::refundEvents)
        .containsExactly(OrderRefunds.DEFAULT_EVENTS);
    assertThat(models.attribution().options().refundEvents()).isEqualTo(OrderRefunds.DEFAULT_EVENTS);
  }

  @Test
  void theLtvRefundEventsApplyToFunnelsAndAttributionUnlessAttributionNamesItsOwn() throws IOException {
    ModelsConfig none = load("""
        models:
          ltv:
            refund_events: []
          funnels:
            - name: buy
              steps: ["Product Viewed", "Order Completed"]
        """);
    assertThat(none.ltv().options().refundEvents()).isEmpty();
    assertThat(none.funnelDefinitions().get(0).refundEvents()).isEmpty();
    assertThat(none.attribution().options().refundEvents()).isEmpty();

    ModelsConfig own = load("""
        models:
          ltv:
            refund_events: [Order Refunded]
          attribution:
            refund_events: [Order Refunded, Order Cancelled, Order Returned]
        """);
    assertThat(own.ltv().options().refundEvents()).containsExactly("Order Refunded");
    assertThat(own.attribution().options().refundEvents())
        .containsExactly("Order Refunded", "Order Cancelled", "Order Returned");
  }

  @Test
  void aFunnelsCostsAreAFileOrAWarehouseTableAndAttributionTakesThemWhenItNamesNone() throws IOException {
    Path csv = costs();
    ModelsConfig models = load("""
        models:
          funnels:
            - name: campaign
              steps: ["page:/store*", "Product Viewed", "Order Completed"]
              breakdown: [context_campaign_name, context_campaign_medium]
              costs: %s
            - name: signup
              steps: ["page:/", "Signed Up"]
        """.formatted(csv));

    CostsSource funnelCosts = models.funnelDefinitions().get(0).costs();
    assertThat(funnelCosts).isInstanceOf(CostsSource.File.class);
    assertThat(((CostsSource.File) funnelCosts).path()).isEqualTo(csv.toString());
    assertThat(models.funnelDefinitions().get(1).costs()).isNull();
    assertThat(models.attribution().options().costs()).isEqualTo(funnelCosts);

    ModelsConfig table = load("""
        models:
          funnels:
            - name: campaign
              steps: ["page:/store*", "Order Completed"]
              costs: {table: marketing.campaign_costs}
          attribution:
            costs: %s
        """.formatted(csv));
    assertThat(table.funnelDefinitions().get(0).costs())
        .isEqualTo(new CostsSource.Table(new TableId("marketing", "campaign_costs")));
    assertThat(table.attribution().options().costs()).isInstanceOf(CostsSource.File.class);
  }

  @Test
  void funnelsNamingDifferentCostsLeaveAttributionWithoutUnlessItNamesSome() throws IOException {
    ModelsConfig models = load("""
        models:
          funnels:
            - name: a
              steps: ["page:/store*", "Order Completed"]
              costs: {table: marketing.a}
            - name: b
              steps: ["page:/store*", "Order Completed"]
              costs: {table: marketing.b}
        """);
    assertThat(models.attribution().options().costs()).isNull();
  }

  @Test
  void costsThatAreNeitherAFileNorATableOrBothOrAnUnknownKeyAreErrorsNamingTheLine() throws IOException {
    assertThatThrownBy(() -> load("""
        models:
          funnels:
            - name: campaign
              steps: ["page:/store*", "Order Completed"]
              costs: {file: costs.csv, table: marketing.costs}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessage(tmp.resolve("roundtrip.yml") + ":5: models.funnels[0].costs: costs are a CSV file or a warehouse "
            + "table, not both");
    assertThatThrownBy(() -> load("""
        models:
          funnels:
            - name: campaign
              steps: ["page:/store*", "Order Completed"]
              costs: {}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessage(tmp.resolve("roundtrip.yml") + ":5: models.funnels[0].costs: costs are a CSV file (costs: FILE.csv, "
            + "or {file: FILE.csv}) or a warehouse table ({table: <namespace>.<table>}): give one of them");
    assertThatThrownBy(() -> load("""
        models:
          attribution:
            costs:
              table: campaign_costs
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessage(tmp.resolve("roundtrip.yml") + ":4: models.attribution.costs.table: costs table \"campaign_costs\" is "
            + "not <namespace>.<table>");
    assertThatThrownBy(() -> load("""
        models:
          funnels:
            - name: campaign
              steps: ["page:/store*", "Order Completed"]
              costs:
                path: costs.csv
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(tmp.resolve("roundtrip.yml") + ":6: unknown key 'path' in models.funnels.[0].costs; "
            + "known keys: file, table");
  }

  @Test
  void aFunnelWithCostsBreakingDownByANonCampaignFieldIsRefused() throws IOException {
    Path csv = costs();
    ModelsConfig models = load("""
        models:
          funnels:
            - name: campaign
              steps: ["page:/store*", "Order Completed"]
              breakdown: [plan]
              costs: %s
        """.formatted(csv));
    assertThatThrownBy(models::funnelDefinitions)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("funnel 'campaign' breaks down by plan, which campaign costs cannot be matched on");
  }

  @Test
  void aMissingCostsFileIsNamedWhenTheModelsAreSetUp() throws IOException {
    ModelsConfig models = load("""
        models:
          funnels:
            - name: campaign
              steps: ["page:/store*", "Order Completed"]
              costs: nowhere.csv
        """);
    assertThatThrownBy(models::funnelDefinitions).hasMessage("costs file not found: nowhere.csv");
  }
}
