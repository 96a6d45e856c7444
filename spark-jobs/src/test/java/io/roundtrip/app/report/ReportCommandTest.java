package io.roundtrip.app.report;

import static io.roundtrip.loaders.testing.Events.page;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.cli.RoundtripCommand;
import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code roundtrip report} on warehouses that have less than everything. */
class ReportCommandTest {

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

  private String warehouse() {
    return tmp.resolve("wh").toString();
  }

  private void load(String source, String... lines) {
    Path input = tmp.resolve("in-" + source);
    Archives.write(input, "a.json", List.of(lines));
    Result load = run("load", "--source", source, "--input", input.toString(), "--warehouse", warehouse());
    assertThat(load.exit()).as(load.err()).isZero();
  }

  @Test
  void aWarehouseWithOnlyLoadedEventsGetsAReportWhoseOtherSectionsSayWhatToRun() throws Exception {
    load("web",
        track("m1", "u1", "Signed Up", "2026-01-01T10:00:00Z", "{\"plan\":\"pro\"}"),
        track("m2", "u2", "Signed Up", "2026-01-03T10:00:00Z", "{\"plan\":\"free\"}"),
        page("m3", "a3", "Home", "2026-01-03T11:00:00Z", "{\"path\":\"/\"}"),
        "not json");
    Path out = tmp.resolve("reports/web.html");

    Result result = run("report", "--warehouse", warehouse(), "--out", out.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("Wrote " + out + ": source web, 7 sections, 3 charts")
        .contains("No data yet for: Funnel: campaign, Customer lifetime value, Attribution, Referral channels, Syncs");
    ReportPage page = new ReportPage(out);
    assertThat(page.sections()).containsEntry("load-history", "available")
        .containsEntry("daily-active-users", "available").containsEntry("ltv", "unavailable")
        .containsEntry("syncs", "unavailable");
    assertThat(page.section("ltv").getTextContent())
        .contains("web_models.ltv_customers does not exist").contains("roundtrip models run ltv --source web");
    assertThat(page.section("syncs").getTextContent()).contains("roundtrip sync run NAME");
    // three days, the middle one without events: drawn as 0, not left out
    assertThat(page.values("events-per-day", "track")).containsExactly(java.util.Map.entry("2026-01-01", 1.0),
        java.util.Map.entry("2026-01-02", 0.0), java.util.Map.entry("2026-01-03", 1.0));
    // without the identity model, a person is a user id or else an anonymous id
    assertThat(page.values("daily-active-users", "people")).containsExactly(java.util.Map.entry("2026-01-01", 1.0),
        java.util.Map.entry("2026-01-02", 0.0), java.util.Map.entry("2026-01-03", 2.0));
    assertThat(page.values("load-issues", "rejected").values()).containsExactly(1.0);
  }

  @Test
  void withSeveralSourcesTheReportNeedsToBeToldWhichOne() {
    load("web", track("m1", "u1", "Signed Up", "2026-01-01T10:00:00Z", "{}"));
    load("app", track("m2", "u2", "Signed Up", "2026-01-01T10:00:00Z", "{}"));

    Result result = run("report", "--warehouse", warehouse(), "--out", tmp.resolve("r.html").toString());

    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("several sources (app, web)").contains("--source NAME");
    assertThat(tmp.resolve("r.html")).doesNotExist();
    Result named = run("report", "--warehouse", warehouse(), "--source", "app", "--out",
        tmp.resolve("r.html").toString());
    assertThat(named.exit()).as(named.err()).isZero();
    assertThat(tmp.resolve("r.html")).isRegularFile();
  }

  @Test
  void anUnknownSourceIsAUsageErrorThatNamesTheLoadedOnes() {
    load("web", track("m1", "u1", "Signed Up", "2026-01-01T10:00:00Z", "{}"));

    Result result = run("report", "--warehouse", warehouse(), "--source", "wbe", "--out",
        tmp.resolve("r.html").toString());

    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("no tables of source \"wbe\"").contains("its sources: web");
  }

  @Test
  void anEmptyWarehouseSaysToLoadSomethingFirst() throws Exception {
    Files.createDirectories(tmp.resolve("wh"));

    Result result = run("report", "--warehouse", warehouse(), "--out", tmp.resolve("r.html").toString());

    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Nothing has been loaded").contains("roundtrip demo");
    assertThat(result.out()).isEmpty();
  }
}
