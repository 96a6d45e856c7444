package io.roundtrip.app.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.cli.RoundtripCommand;
import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelsCommandTest {

  @TempDir
  Path tmp;

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

  /** The CDNOW sample (models' test resources) as customer_id,date,amount. */
  private Path cdnowCsv() throws Exception {
    List<String> lines = new ArrayList<>(List.of("customer_id,date,amount"));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/cdnow/CDNOW_sample.txt"), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.trim().split("\\s+");
        String day = f[2].substring(0, 4) + "-" + f[2].substring(4, 6) + "-" + f[2].substring(6);
        lines.add(Integer.parseInt(f[1]) + "," + day + "," + f[4]);
      }
    }
    Path csv = tmp.resolve("cdnow.csv");
    Files.write(csv, lines);
    return csv;
  }

  @Test
  void ltvFitsACsvOfTransactionsAndMatchesThePublishedCdnowFit() throws Exception {
    Result result = run("models", "ltv", "--transactions", cdnowCsv().toString(), "--calibration-end", "1997-09-30",
        "--time-unit", "week", "--horizon", "39", "--out", tmp.resolve("out").toString());

    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode fit = new ObjectMapper().readTree(result.out());
    assertThat(fit.get("r").asDouble()).isCloseTo(0.243, Offset.offset(0.0005));
    assertThat(fit.get("alpha").asDouble()).isCloseTo(4.414, Offset.offset(0.0005));
    assertThat(fit.get("a").asDouble()).isCloseTo(0.793, Offset.offset(0.0005));
    assertThat(fit.get("b").asDouble()).isCloseTo(2.426, Offset.offset(0.0005));
    assertThat(fit.get("ll").asDouble()).isCloseTo(-9582.4, Offset.offset(0.05));
    assertThat(fit.get("p").asDouble()).isCloseTo(6.25, Offset.offset(0.005));
    assertThat(fit.get("q").asDouble()).isCloseTo(3.74, Offset.offset(0.005));
    assertThat(fit.get("gamma").asDouble()).isCloseTo(15.44, Offset.offset(0.005));

    List<String> customers = Files.readAllLines(tmp.resolve("out/customers.csv"));
    assertThat(customers.get(0))
        .isEqualTo("customer_id,frequency,recency,T,p_alive,expected_purchases,expected_avg_value,clv");
    assertThat(customers).hasSize(2358);
    String[] first = customers.stream().filter(l -> l.startsWith("1,")).findFirst().orElseThrow().split(",");
    assertThat(Integer.parseInt(first[1])).isEqualTo(2);
    assertThat(Double.parseDouble(first[5])).isCloseTo(1.226, Offset.offset(0.0005));
  }

  @Test
  void aMalformedTransactionsFileIsADataErrorNamingTheLineAndField() throws Exception {
    Path csv = tmp.resolve("bad.csv");
    Files.write(csv, List.of("customer_id,date,amount", "c1,2026-01-01,10.5", "c2,2026-01-02,ten"));
    Result result = run("models", "ltv", "--transactions", csv.toString());
    assertThat(result.exit()).isEqualTo(ExitCodes.DATA);
    assertThat(result.err()).contains("bad.csv:3").contains("amount");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void funnelPrintsOneCsvRowPerStepWithTheDocumentedHeader() {
    Archives.write(tmp.resolve("in"), "a.json", List.of(
        "{\"type\":\"page\",\"messageId\":\"m1\",\"anonymousId\":\"a1\",\"receivedAt\":\"2026-01-01T10:00:00Z\","
            + "\"properties\":{\"path\":\"/store\"}}",
        "{\"type\":\"track\",\"event\":\"Product Viewed\",\"messageId\":\"m2\",\"anonymousId\":\"a1\","
            + "\"receivedAt\":\"2026-01-01T10:01:00Z\"}",
        "{\"type\":\"page\",\"messageId\":\"m3\",\"anonymousId\":\"a2\",\"receivedAt\":\"2026-01-01T10:00:00Z\","
            + "\"properties\":{\"path\":\"/store/x\"}}"));
    String warehouse = tmp.resolve("wh").toString();
    assertThat(run("load", "--source", "web", "--input", tmp.resolve("in").toString(), "--warehouse", warehouse).exit())
        .isZero();

    Result result = run("models", "funnel", "--source", "web", "--warehouse", warehouse,
        "--steps", "page:/store*,Product Viewed,Order Completed", "--format", "csv");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(
        "breakdown,step,step_name,users,conversion_from_first,conversion_from_previous,avg_seconds,median_seconds\r\n"
            + ",1,page:/store*,2,1.0000,1.0000,,\r\n"
            + ",2,Product Viewed,1,0.5000,0.5000,60.0,60.0\r\n"
            + ",3,Order Completed,0,0.0000,0.0000,,\r\n");
  }

  @Test
  void runBuildsTheNamedModelAndAFitOnTooFewCustomersIsADataError() {
    Archives.write(tmp.resolve("in"), "a.json", List.of(
        "{\"type\":\"track\",\"event\":\"Order Completed\",\"messageId\":\"m1\",\"anonymousId\":\"a1\",\"userId\":\"u1\","
            + "\"receivedAt\":\"2026-01-01T10:00:00Z\",\"properties\":{\"revenue\":10}}"));
    String warehouse = tmp.resolve("wh").toString();
    assertThat(run("load", "--source", "web", "--input", tmp.resolve("in").toString(), "--warehouse", warehouse).exit())
        .isZero();

    Result identity = run("models", "run", "identity", "--source", "web", "--warehouse", warehouse);
    assertThat(identity.exit()).as(identity.err()).isZero();
    assertThat(identity.out()).startsWith("identity: 1 new events, 2 identifiers, 1 people").contains("web_models");

    Result ltv = run("models", "run", "ltv", "--source", "web", "--warehouse", warehouse);
    assertThat(ltv.exit()).isEqualTo(ExitCodes.DATA);
    assertThat(ltv.err()).contains("customers");

    Result unknown = run("models", "run", "churn", "--source", "web", "--warehouse", warehouse);
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("Unknown model \"churn\"");
  }
}
