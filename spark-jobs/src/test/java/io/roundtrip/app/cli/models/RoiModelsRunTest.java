package io.roundtrip.app.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.cli.RoundtripCommand;
import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Campaign costs and refunds through {@code roundtrip models run}, as roundtrip.yml sets them. */
class RoiModelsRunTest {

  @TempDir
  Path tmp;

  Path config;
  Path costs;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void sharedSpark() {
    SharedSpark.session();
  }

  static Result run(String... args) {
    CommandLine command = RoundtripCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  static String storePage(String id, String user, String at, String campaign) {
    return "{\"type\":\"page\",\"messageId\":\"" + id + "\",\"userId\":\"" + user + "\",\"receivedAt\":\"" + at
        + "\",\"properties\":{\"path\":\"/store\"},\"context\":{\"campaign\":{\"name\":\"" + campaign
        + "\",\"source\":\"google\",\"medium\":\"cpc\"}}}";
  }

  static String track(String id, String user, String event, String at, String properties) {
    return "{\"type\":\"track\",\"event\":\"" + event + "\",\"messageId\":\"" + id + "\",\"userId\":\"" + user
        + "\",\"receivedAt\":\"" + at + "\",\"properties\":" + properties + "}";
  }

  @BeforeEach
  void loadAndConfigure() throws Exception {
    Archives.write(tmp.resolve("in"), "a.json", List.of(
        // u1 from spring buys 100, 25 of it refunded two days later: 75
        storePage("m1", "u1", "2026-01-01T10:00:00Z", "spring"),
        track("m2", "u1", "Product Viewed", "2026-01-01T10:05:00Z", "{}"),
        track("m3", "u1", "Order Completed", "2026-01-01T10:10:00Z", "{\"order_id\":\"o1\",\"revenue\":100}"),
        track("m4", "u1", "Order Refunded", "2026-01-03T10:00:00Z", "{\"order_id\":\"o1\",\"revenue\":25}"),
        // u2 from winter buys 40 and cancels: 0
        storePage("m5", "u2", "2026-01-01T11:00:00Z", "winter"),
        track("m6", "u2", "Product Viewed", "2026-01-01T11:05:00Z", "{}"),
        track("m7", "u2", "Order Completed", "2026-01-01T11:10:00Z", "{\"order_id\":\"o2\",\"revenue\":40}"),
        track("m8", "u2", "Order Cancelled", "2026-01-01T12:00:00Z", "{\"order_id\":\"o2\"}")));
    costs = tmp.resolve("costs.csv");
    Files.writeString(costs, "campaign,source,medium,day,spend\n"
        + "spring,google,cpc,2026-01-01,30\n"
        + "spring,google,cpc,2026-01-02,20\n"
        + "winter,google,cpc,2026-01-01,10\n");
    config = tmp.resolve("roundtrip.yml");
    Files.writeString(config, """
        warehouse:
          path: %s
        models:
          funnels:
            - name: campaign
              steps: ["page:/store*", "Product Viewed", "Order Completed"]
              breakdown: [context_campaign_name, context_campaign_medium]
              costs: %s
        """.formatted(tmp.resolve("wh"), costs));
    Result load = run("load", "--config", config.toString(), "--source", "web", "--input", tmp.resolve("in").toString());
    assertThat(load.exit()).as(load.err()).isZero();
  }

  List<JsonNode> query(String sql) throws Exception {
    Result result = run("query", "--config", config.toString(), "--format", "json", sql);
    assertThat(result.exit()).as(result.err()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : result.out().split("\n")) {
      if (!line.isBlank()) {
        rows.add(new ObjectMapper().readTree(line));
      }
    }
    return rows;
  }

  static List<Object> returns(JsonNode row) {
    List<Object> out = new ArrayList<>();
    for (String field : List.of("revenue", "spend", "cost_per_acquisition", "roi", "roas")) {
      out.add(row.hasNonNull(field) ? row.get(field).asDouble() : null);
    }
    return out;
  }

  @Test
  void funnelsAndAttributionSetTheCostsFileAgainstRevenueNetOfRefunds() throws Exception {
    Result models = run("models", "run", "funnels", "--config", config.toString(), "--source", "web");
    assertThat(models.exit()).as(models.err()).isZero();
    Result attribution = run("models", "run", "attribution", "--config", config.toString(), "--source", "web");
    assertThat(attribution.exit()).as(attribution.err()).isZero();
    // 75 + 0
    assertThat(attribution.out()).startsWith("attribution: 2 conversions, 75.00 revenue");

    // spring / cpc: revenue 100 - 25 = 75, spend 30 + 20 = 50 for 1 buyer: CPA 50, ROI (75 - 50) / 50 = 0.5, ROAS 1.5
    // winter / cpc: revenue 0 (cancelled), spend 10: CPA 10, ROI (0 - 10) / 10 = -1, ROAS 0
    List<JsonNode> funnel = query("SELECT * FROM web_models.funnel_campaign WHERE step = 3 ORDER BY breakdown");
    assertThat(funnel).extracting(r -> r.get("breakdown").asText()).containsExactly("spring / cpc", "winter / cpc");
    assertThat(returns(funnel.get(0))).containsExactly(75.0, 50.0, 50.0, 0.5, 1.5);
    assertThat(returns(funnel.get(1))).containsExactly(0.0, 10.0, 10.0, -1.0, 0.0);

    // attribution takes the funnel's costs: each buyer had one touch, so every model gives the same numbers
    List<JsonNode> byCampaign = query("SELECT * FROM web_models.attribution_by_campaign WHERE model = 'LAST_TOUCH' "
        + "ORDER BY campaign");
    assertThat(byCampaign).extracting(r -> r.get("campaign").asText(), r -> r.get("source").asText())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spring", "google"),
            org.assertj.core.groups.Tuple.tuple("winter", "google"));
    assertThat(returns(byCampaign.get(0))).containsExactly(75.0, 50.0, 50.0, 0.5, 1.5);
    assertThat(returns(byCampaign.get(1))).containsExactly(0.0, 10.0, 10.0, -1.0, 0.0);
  }

  @Test
  void aChangedCostsFileIsAChangedSettingSoTheFunnelRunsAgain() throws Exception {
    assertThat(run("models", "run", "funnels", "--config", config.toString(), "--source", "web").exit()).isZero();
    Result unchanged = run("models", "run", "funnels", "--config", config.toString(), "--source", "web");
    assertThat(unchanged.out()).startsWith("funnels: up to date");

    Files.writeString(costs, "campaign,source,medium,day,spend\nspring,google,cpc,2026-01-01,150\n");
    Result changed = run("models", "run", "funnels", "--config", config.toString(), "--source", "web");

    assertThat(changed.exit()).as(changed.err()).isZero();
    assertThat(changed.out()).startsWith("funnels: funnel_campaign");
    // spring: spend 150, revenue 75: ROI (75 - 150) / 150 = -0.5, ROAS 0.5; winter's line is gone: NULL
    List<JsonNode> funnel = query("SELECT * FROM web_models.funnel_campaign WHERE step = 3 ORDER BY breakdown");
    assertThat(returns(funnel.get(0))).containsExactly(75.0, 150.0, 150.0, -0.5, 0.5);
    assertThat(returns(funnel.get(1))).containsExactly(0.0, null, null, null, null);
  }

  @Test
  void aMalformedCostsFileFailsTheModelsWithTheFileLineAndField() throws Exception {
    Files.writeString(costs, "campaign,source,medium,day,spend\n"
        + "spring,google,cpc,2026-01-01,30\n"
        + "spring,google,cpc,2026-01-02,twenty\n");

    Result result = run("models", "run", "funnels", "--config", config.toString(), "--source", "web");

    assertThat(result.exit()).isEqualTo(ExitCodes.DATA);
    assertThat(result.err()).contains(costs + ":3: field 'spend': not a number: \"twenty\"");
  }
}
