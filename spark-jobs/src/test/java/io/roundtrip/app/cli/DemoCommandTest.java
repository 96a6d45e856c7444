package io.roundtrip.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.warehouse.delta.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end, twice: the first run tells each step of two nights with its counts, the
 * second finds everything done and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCommandTest {

  /** Static, so it exists before {@link #runTheDemoTwice}. */
  @TempDir
  static Path tmp;

  private CommandLineTest.Result first;
  private Map<String, Long> tablesAfterFirst;
  private CommandLineTest.Result second;
  private Map<String, Long> tablesAfterSecond;

  @BeforeAll
  void runTheDemoTwice() {
    SharedSpark.session();
    first = demo();
    tablesAfterFirst = rowCounts();
    second = demo();
    tablesAfterSecond = rowCounts();
  }

  private CommandLineTest.Result demo() {
    return CommandLineTest.run("demo", "--dir", tmp.resolve("demo").toString(), "--warehouse",
        tmp.resolve("warehouse").toString(), "--events", "20000", "--project", Path.of("..", "sql").toString());
  }

  @Test
  void theFirstRunTellsEachStepOfBothNightsWithItsCounts() {
    assertThat(first.exit()).as(first.err() + first.out()).isZero();
    assertThat(tablesAfterFirst).containsKeys("demo.tracks", "demo_models.ltv_customers", "analytics.top_customers");
    String[] nights = first.out().split("Night 2");
    assertThat(nights).hasSize(2);
    String night1 = nights[0];
    String night2 = nights[1];

    assertThat(number(night1, "archive: ([\\d,]+) events arrived")).isPositive();
    long filesNight1 = number(night1, "load: (\\d+) new files");
    assertThat(filesNight1).isPositive();
    assertThat(night1).contains("identity:", "ltv:", "funnels:", "attribution:");
    assertThat(number(night1, "sql build \\(analytics\\): (\\d+) models and seeds built")).isPositive();
    assertThat(number(night1, "(\\d+) failed  \\(")).isZero();
    long sentToTable = number(night1, "sync top_customers_to_postgres: sent ([\\d,]+)");
    assertThat(sentToTable).isPositive();
    assertThat(number(night1, "public.top_customers now holds ([\\d,]+) rows")).isEqualTo(sentToTable);
    long audience = number(night1, "sync likely_buyers_webhook: sent ([\\d,]+)");
    assertThat(audience).isPositive();
    assertThat(number(night1, "the receiver got ([\\d,]+) records")).isEqualTo(audience);

    // the second night loads the new day's files only, and sends only what changed
    assertThat(number(night2, "load: (\\d+) new files \\((\\d+) loaded before")).isPositive();
    assertThat(number(night2, "\\((\\d+) loaded before\\)")).isEqualTo(filesNight1);
    assertThat(night2).doesNotContain("identity: up to date");
    assertThat(number(night2, "public.top_customers now holds ([\\d,]+) rows"))
        .isEqualTo(warehouse().read(new TableId("analytics", "top_customers")).count());
    long audienceChanges = night2.contains("sync likely_buyers_webhook: nothing changed") ? 0
        : number(night2, "sync likely_buyers_webhook: sent ([\\d,]+)");
    assertThat(audienceChanges).as("night 2 sends who entered or left the audience, not the audience again")
        .isLessThan(audience);
    assertThat(number(night2, "the receiver got ([\\d,]+) records")).isEqualTo(audience + audienceChanges);
    assertThat(first.out()).contains("Report: ").containsPattern("\\d+ charts");
    assertThat(tmp.resolve("demo").resolve("report.html")).isNotEmptyFile();
  }

  @Test
  void aSecondRunFindsEverythingDoneAndChangesNothing() {
    assertThat(second.exit()).as(second.err() + second.out()).isZero();
    assertThat(second.out()).doesNotContain("events arrived")
        .contains("archive: nothing new");
    Matcher loads = Pattern.compile("load: (\\d+) new files").matcher(second.out());
    int count = 0;
    while (loads.find()) {
      assertThat(loads.group(1)).isEqualTo("0");
      count++;
    }
    assertThat(count).isEqualTo(2);
    assertThat(second.out()).containsPattern("identity: up to date")
        .doesNotContainPattern("sync \\S+: sent")
        .contains("sync top_customers_to_postgres: nothing changed", "sync likely_buyers_webhook: nothing changed");
    assertThat(tablesAfterSecond).isEqualTo(tablesAfterFirst);
  }

  @Test
  void theDemoWritesTheConfigurationItRanWithAndNoSecretInIt() throws Exception {
    String config = Files.readString(tmp.resolve("demo").resolve("roundtrip.yml"));
    assertThat(config).contains("name: top_customers_to_postgres", "name: likely_buyers_webhook",
        "${DEMO_POSTGRES_PORT}", "secret_env: DEMO_WEBHOOK_SECRET");
    assertThat(first.out() + first.err()).doesNotContainPattern("[0-9a-f]{32}");
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("\"" + regex + "\" in:\n" + text).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  private Warehouse warehouse() {
    return DeltaWarehouses.at(SparkSession.active(), tmp.resolve("warehouse").toString());
  }

  /** Rows of every table the demo's steps write (the run records of _roundtrip grow by design). */
  private Map<String, Long> rowCounts() {
    Warehouse warehouse = warehouse();
    Map<String, Long> counts = new TreeMap<>();
    for (String namespace : new String[] {"demo", "demo_models", "analytics"}) {
      for (TableId table : warehouse.tables(namespace)) {
        counts.put(table.toString(), warehouse.read(table).count());
      }
    }
    return counts;
  }
}
