package io.roundtrip.app.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.app.cli.RoundtripCommand;
import io.roundtrip.app.report.ReportPage.Mark;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.models.ModelContext;
import io.roundtrip.models.events.PersonEvents;
import io.roundtrip.reverseetl.destinations.http.FakeHttpServer;
import io.roundtrip.reverseetl.destinations.http.Reply;
import io.roundtrip.reverseetl.destinations.webhook.FakeWebhookReceiver;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

/**
 * The report on a warehouse built as a user builds one: a generated archive loaded, every model
 * run, two syncs (one to a destination that rejects some records). Each chart's numbers are
 * checked against the tables with SQL of the tests' own (or the models' own code where the
 * report restates a model's rule), and the page is rendered in headless Chromium.
 */
class HtmlReportTest {

  private static final String SECRET = "whsec-report-test";
  private static final Offset<Double> CENTS = Offset.offset(1e-6);

  @TempDir
  static Path tmp;

  private static FakeWebhookReceiver receiver;
  private static FakeHttpServer strict;
  private static SparkSession spark;
  private static Result report;
  private static ReportPage page;
  private static Path html;

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    CommandLine command = RoundtripCommand.commandLine(Map.of("HOOK_SECRET", SECRET));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  static Result ok(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", tmp.resolve("roundtrip.yml").toString()));
    Result result = run(all.toArray(String[]::new));
    assertThat(result.exit()).as(String.join(" ", args) + ": " + result.err() + result.out()).isZero();
    return result;
  }

  @BeforeAll
  static void buildAWarehouseAndWriteItsReport() throws Exception {
    spark = SharedSpark.session();
    receiver = new FakeWebhookReceiver(SECRET);
    receiver.start();
    // a destination that refuses every record of the last CLV decile (422), and takes the others
    strict = new FakeHttpServer(request -> request.bodyText().contains("\"decile\":10") ? Reply.status(422)
        : Reply.json(200, "{}"));
    strict.start();
    StringBuilder channels = new StringBuilder();
    List<String> names = List.of("whatsapp", "email", "facebook", "twitter");
    for (int i = 0; i < SampleArchiveGenerator.REFERRAL_TRACKING_IDS.size(); i++) {
      channels.append(i == 0 ? "" : ", ").append('"').append(SampleArchiveGenerator.REFERRAL_TRACKING_IDS.get(i))
          .append("\": ").append(names.get(i % names.size()));
    }
    Files.writeString(tmp.resolve("roundtrip.yml"), """
        warehouse:
          path: %s
        models:
          attribution:
            referral:
              domain: %s
              channels: {%s}
        syncs:
          - name: vip_hook
            model: SELECT canonical_user_id, clv FROM shop_models.ltv_customers WHERE decile <= 5
            primary_key: canonical_user_id
            destination: {type: webhook, url: "%s", secret_env: HOOK_SECRET}
            mapping: {clv: clv}
          - name: strict_crm
            model: shop_models.ltv_customers
            primary_key: canonical_user_id
            destination: {type: webhook, url: "%s", secret_env: HOOK_SECRET}
            mapping: {clv: clv, decile: decile}
            batch_size: 10
            retry: {max_attempts: 1}
        """.formatted(tmp.resolve("warehouse"), SampleArchiveGenerator.REFERRAL_DOMAIN, channels,
        receiver.hookUrl(), strict.baseUri().resolve("crm")));

    // the demo's archive: the smallest in which the lifetime-value fit converges
    Result generated = run("generate-events", "--out", tmp.resolve("archive").toString(), "--events", "20000",
        "--days", "14", "--seed", "42", "--source-id", "demo-web");
    assertThat(generated.exit()).as(generated.err()).isZero();
    ok("load", "--source", "shop", "--input", tmp.resolve("archive").toString());
    ok("models", "run", "all", "--source", "shop");
    ok("sync", "run", "vip_hook");
    Result partial = run("sync", "run", "strict_crm", "--config", tmp.resolve("roundtrip.yml").toString());
    assertThat(partial.exit()).as(partial.out()).isEqualTo(1); // some records were rejected
    html = tmp.resolve("out/report.html");
    report = ok("report", "--out", html.toString());
    page = new ReportPage(html);
    DeltaWarehouses.at(spark, tmp.resolve("warehouse").toString()).ability(io.roundtrip.warehouse.SqlCatalog.class)
        .ifPresent(io.roundtrip.warehouse.SqlCatalog::registerTables);
  }

  @AfterAll
  static void stopDestinations() {
    receiver.close();
    strict.close();
  }

  private static List<Row> sql(String query) {
    return spark.sql(query).collectAsList();
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }

  @Test
  void everySectionIsDrawnAndEveryChartHasATitleAxisLabelsAndTicks() {
    assertThat(page.sections()).containsOnlyKeys("load-history", "funnel-funnel_campaign", "ltv", "attribution",
        "referrals", "daily-active-users", "syncs").allSatisfy((id, cssClass) -> assertThat(cssClass)
        .as(id).isEqualTo("available"));
    assertThat(page.charts()).containsOnlyKeys("events-per-day", "load-issues", "funnel-funnel_campaign-steps",
        "funnel-funnel_campaign-breakdown", "ltv-deciles", "p-alive", "attribution-channels", "referral-clicks",
        "referral-conversions", "daily-active-users", "sync-records");
    for (String chart : page.charts().keySet()) {
      assertThat(page.texts(chart, "chart-title")).as(chart).singleElement().asString().isNotBlank();
      assertThat(page.texts(chart, "axis-label")).as(chart).hasSize(2).allSatisfy(l -> assertThat(l).isNotBlank());
      assertThat(page.texts(chart, "tick")).as(chart).hasSizeGreaterThan(3);
      assertThat(page.marks(chart)).as(chart).anyMatch(Mark::sized);
    }
    assertThat(page.texts("ltv-deciles", "axis-label")).contains("predicted CLV, sum (USD)");
    assertThat(page.texts("funnel-funnel_campaign-breakdown", "tick")).contains("0%");
  }

  @Test
  void eventsPerDayAddUpToEachTableAndToTheNewEventsTheLoaderCounted() {
    Map<String, String> tables = Map.of("track", "tracks", "page", "pages", "screen", "screens",
        "identify", "identifies", "group", "groups", "alias", "aliases");
    double total = 0;
    for (Map.Entry<String, String> type : tables.entrySet()) {
      Map<String, Double> expected = new HashMap<>();
      for (Row row : spark.table("shop." + type.getValue()).groupBy(to_date(col("received_at")).as("day")).count()
          .collectAsList()) {
        expected.put(String.valueOf(row.get(0)), (double) row.getLong(1)); // a LocalDate or a java.sql.Date
      }
      Map<String, Double> drawn = page.values("events-per-day", type.getKey());
      drawn.values().removeIf(v -> v == 0); // days without any are drawn as 0
      assertThat(drawn).as(type.getKey()).isEqualTo(expected);
      total += expected.values().stream().mapToDouble(Double::doubleValue).sum();
    }
    double loaded = number(sql("SELECT sum(`rows`) FROM _roundtrip.loads WHERE source = 'shop'").get(0).get(0));
    assertThat(total).isEqualTo(loaded).isEqualTo(20_000);
    assertThat(page.tiles()).containsEntry("events in the warehouse", "20,000");
    assertThat(page.values("events-per-day", "page")).hasSize(14);
  }

  @Test
  void duplicatesAndRejectsPerLoadMatchTheLoadsAndRejectsTables() {
    Row loads = sql("SELECT sum(duplicates), sum(lines), sum(`rows`) FROM _roundtrip.loads WHERE source = 'shop'")
        .get(0);
    long rejected = sql("SELECT count(*) FROM _roundtrip.rejects WHERE source = 'shop'").get(0).getLong(0);
    assertThat(page.values("load-issues", "duplicates").values()).containsExactly(number(loads.get(0)));
    assertThat(page.values("load-issues", "rejected").values()).containsExactly((double) rejected);
    List<List<String>> table = page.table("loads");
    assertThat(table).hasSize(1);
    assertThat(table.get(0).subList(3, 6)).containsExactly(String.format("%,d", (long) number(loads.get(1))),
        String.format("%,d", (long) number(loads.get(2))), String.format("%,d", (long) number(loads.get(0))));
    long reasons = page.table("reject-reasons").stream().mapToLong(r -> Long.parseLong(r.get(1))).sum();
    assertThat(reasons).isEqualTo(rejected);
  }

  @Test
  void funnelStepsAndConversionPerCampaignMatchTheFunnelTable() {
    Map<Integer, Double> perStep = new HashMap<>();
    Map<String, double[]> perBreakdown = new HashMap<>();
    for (Row row : spark.table("shop_models.funnel_campaign").collectAsList()) {
      int step = row.<Integer>getAs("step");
      long users = row.<Long>getAs("users");
      perStep.merge(step, (double) users, Double::sum);
      double[] ends = perBreakdown.computeIfAbsent(row.getAs("breakdown"), b -> new double[2]);
      if (step == 1) {
        ends[0] = users;
      } else if (step == 3) {
        ends[1] = users;
      }
    }
    assertThat(page.values("funnel-funnel_campaign-steps", "people")).containsExactly(
        Map.entry("1. Store Visited", perStep.get(1)), Map.entry("2. Product Viewed", perStep.get(2)),
        Map.entry("3. Order Completed", perStep.get(3)));
    Map<String, Double> conversion = page.values("funnel-funnel_campaign-breakdown", "conversion");
    assertThat(conversion.keySet()).isEqualTo(perBreakdown.keySet()).contains("spring_sale / cpc");
    perBreakdown.forEach((breakdown, ends) ->
        assertThat(conversion.get(breakdown)).as(breakdown).isCloseTo(ends[1] / ends[0], CENTS));
    assertThat(page.tiles()).containsEntry("campaign funnel: Store Visited \u2192 Order Completed",
        String.format("%.1f%%", 100 * perStep.get(3) / perStep.get(1)));
  }

  @Test
  void clvPerDecileAndTheCustomersPerTenthOfPAliveMatchTheCustomersTable() {
    Map<String, Double> clv = new HashMap<>();
    for (Row row : spark.table("shop_models.ltv_customers").groupBy("decile").agg(sum("clv")).collectAsList()) {
      clv.put(String.valueOf(row.getInt(0)), row.getDouble(1));
    }
    Map<String, Double> drawn = page.values("ltv-deciles", "predicted CLV");
    assertThat(drawn.keySet()).isEqualTo(clv.keySet());
    clv.forEach((decile, value) -> assertThat(drawn.get(decile)).as("decile " + decile).isCloseTo(value, CENTS));

    List<Double> bins = new ArrayList<>(page.values("p-alive", "customers").values());
    assertThat(bins).hasSize(10);
    for (int bin = 0; bin < 10; bin++) {
      String upper = bin == 9 ? "p_alive <= 1.0" : "p_alive < " + (bin + 1) / 10.0;
      long customers = sql("SELECT count(*) FROM shop_models.ltv_customers WHERE p_alive >= " + bin / 10.0
          + " AND " + upper).get(0).getLong(0);
      assertThat(bins.get(bin)).as("P(alive) bin " + bin).isEqualTo((double) customers);
    }
    long all = spark.table("shop_models.ltv_customers").count();
    assertThat(bins.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo((double) all);
    assertThat(page.tiles()).containsEntry("customers with a predicted CLV", String.format("%,d", all));
  }

  @Test
  void attributedRevenuePerChannelAndModelMatchesTheCreditsOfEachTouch() {
    Map<String, String> labels = Map.of("FIRST_TOUCH", "first touch", "LAST_TOUCH", "last touch", "LINEAR", "linear",
        "POSITION_BASED", "40-20-40");
    Map<List<String>, Double> credited = new HashMap<>();
    for (Row row : sql("SELECT model, concat(source, ' / ', medium), sum(revenue) FROM "
        + "shop_models.attribution_credits GROUP BY 1, 2")) {
      credited.put(List.of(labels.get(row.getString(0)), row.getString(1)), row.getDouble(2));
    }
    assertThat(credited).hasSizeGreaterThan(8);
    Set<List<String>> drawn = new HashSet<>();
    for (Mark mark : page.marks("attribution-channels")) {
      // a channel that one model never credits has no credit rows for it, and is drawn as 0
      assertThat(mark.value()).as(mark.toString())
          .isCloseTo(credited.getOrDefault(List.of(mark.series(), mark.category()), 0.0), CENTS);
      drawn.add(List.of(mark.series(), mark.category()));
    }
    assertThat(drawn).containsAll(credited.keySet());
    double purchases = number(sql("SELECT sum(revenue) FROM shop.order_completed").get(0).get(0));
    for (String model : labels.values()) {
      assertThat(page.values("attribution-channels", model).values().stream().mapToDouble(Double::doubleValue).sum())
          .as(model).isCloseTo(purchases, CENTS);
    }
  }

  @Test
  void referralClicksAndConversionsMatchTheTablePerAdvocate() {
    List<Row> perChannel = sql("SELECT channel, sum(clicks), sum(conversions) FROM shop_models.attribution_referrals "
        + "WHERE model = 'LINEAR' GROUP BY channel");
    assertThat(perChannel).isNotEmpty();
    Map<String, Double> clicks = page.values("referral-clicks", "clicks");
    Map<String, Double> linear = page.values("referral-conversions", "linear");
    assertThat(clicks).hasSize(perChannel.size());
    for (Row row : perChannel) {
      assertThat(clicks.get(row.getString(0))).as(row.getString(0)).isEqualTo(number(row.get(1)));
      assertThat(linear.get(row.getString(0))).as(row.getString(0)).isCloseTo(number(row.get(2)), CENTS);
    }
    assertThat(clicks.keySet()).containsAnyOf("whatsapp", "email");
  }

  @Test
  void dailyActiveUsersAreThePeopleTheModelsCount() {
    ModelContext models = new ModelContext(spark, DeltaWarehouses.at(spark, tmp.resolve("warehouse").toString()),
        "shop", "shop_models");
    Map<String, Double> expected = new HashMap<>();
    for (Row row : new PersonEvents(models).events(new PersonEvents.Spec(Set.of(), Set.of(), null, List.of()))
        .groupBy(to_date(col("timestamp")).as("day")).agg(countDistinct("canonical_user_id")).collectAsList()) {
      expected.put(String.valueOf(row.get(0)), (double) row.getLong(1)); // a LocalDate or a java.sql.Date
    }
    assertThat(page.values("daily-active-users", "people")).isEqualTo(expected).hasSize(14);
  }

  @Test
  void syncRecordsMatchWhatTheDestinationsAcknowledgedAndRejected() {
    long vips = sql("SELECT count(*) FROM shop_models.ltv_customers WHERE decile <= 5").get(0).getLong(0);
    long lastDecile = sql("SELECT count(*) FROM shop_models.ltv_customers WHERE decile = 10").get(0).getLong(0);
    long customers = spark.table("shop_models.ltv_customers").count();
    long received = receiver.deliveries().stream().mapToLong(d -> d.body().get("records").size()).sum();
    assertThat(received).isEqualTo(vips);
    assertThat(lastDecile).isPositive();

    assertThat(page.values("sync-records", "acknowledged")).containsExactly(
        Map.entry("strict_crm (webhook)", (double) (customers - lastDecile)), Map.entry("vip_hook (webhook)",
            (double) received));
    assertThat(page.values("sync-records", "rejected")).containsExactly(
        Map.entry("strict_crm (webhook)", (double) lastDecile), Map.entry("vip_hook (webhook)", 0.0));
    assertThat(page.values("sync-records", "failed (retried next run)").values()).containsOnly(0.0);
    assertThat(page.table("sync-runs")).hasSize(2).extracting(r -> r.get(3)).containsExactlyInAnyOrder("succeeded",
        "partial");
  }

  @Test
  void theSqlUnderEachSectionRunsAsShownAndReturnsRows() {
    List<Element> queries = page.all("pre");
    assertThat(queries).hasSizeGreaterThan(10);
    for (Element query : queries) {
      assertThat(sql(query.getTextContent())).as(query.getTextContent()).isNotEmpty();
    }
  }

  @Test
  void thePageFetchesNothingAndRunsNoScript() {
    assertThat(page.all("script")).isEmpty();
    assertThat(page.all("link")).isEmpty();
    assertThat(page.all("img")).isEmpty();
    assertThat(page.html).doesNotContain("src=").doesNotContain("url(").doesNotContain("@import");
    for (Element a : page.all("a")) {
      assertThat(a.getAttribute("href")).startsWith("#");
    }
  }

  @Test
  void theCommandPrintsProgressOnStderrAndOneSummaryLineOnStdout() {
    assertThat(report.out().lines().toList()).singleElement().asString()
        .startsWith("Wrote " + html + ": source shop, 7 sections, 11 charts");
    assertThat(report.err().lines().toList()).hasSize(8)
        .allMatch(line -> line.matches("\\[ *\\d+\\.\\ds] [A-Z].*"), "a progress line")
        .anyMatch(line -> line.contains("] Opening the warehouse in ")).anyMatch(line -> line.endsWith("] Load history"))
        .anyMatch(line -> line.endsWith("] Syncs"));
  }

  /**
   * Chromium lays the page out; a probe added to a copy of it records, per chart, how many marks
   * have a size on screen and where the chart is. The screenshot of the whole page must then show
   * each chart's colours inside its box, and not be blank.
   */
  @Test
  void rendersInHeadlessChromiumWithEveryChartDrawn() throws Exception {
    HeadlessChromium chromium = new HeadlessChromium(tmp);
    Path probed = tmp.resolve("out/probed.html");
    Files.writeString(probed, page.html.replace("</body>", PROBE + "</body>"));
    String dom = chromium.dumpDom(probed, 1280, 900);
    Matcher height = Pattern.compile("data-page-height=\"(\\d+)\"").matcher(dom);
    assertThat(height.find()).as("the probe ran").isTrue();
    Map<String, int[]> drawn = new HashMap<>();
    Matcher svg = Pattern.compile("<svg[^>]*>").matcher(dom);
    while (svg.find()) {
      String tag = svg.group();
      String id = attribute(tag, "data-chart");
      int marks = Integer.parseInt(attribute(tag, "data-drawn"));
      String[] box = attribute(tag, "data-box").split(",");
      drawn.put(id, new int[] {marks, Integer.parseInt(box[0]), Integer.parseInt(box[1]), Integer.parseInt(box[2]),
          Integer.parseInt(box[3])});
    }
    assertThat(drawn.keySet()).isEqualTo(page.charts().keySet());
    for (String chart : page.charts().keySet()) {
      long sized = page.marks(chart).stream().filter(Mark::sized).count();
      assertThat(drawn.get(chart)[0]).as("marks of " + chart + " drawn with a size").isEqualTo((int) sized);
      assertThat(drawn.get(chart)[3]).as("width of " + chart).isGreaterThan(600);
    }

    int pageHeight = Integer.parseInt(height.group(1));
    BufferedImage shot = ImageIO.read(chromium.screenshot(html, 1280, pageHeight, tmp.resolve("out/report.png"))
        .toFile());
    assertThat(shot.getHeight()).isEqualTo(pageHeight);
    int background = shot.getRGB(2, 2);
    long painted = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < shot.getHeight(); y += 3) {
      for (int x = 0; x < shot.getWidth(); x += 3) {
        int rgb = shot.getRGB(x, y);
        colours.add(rgb & 0xffffff);
        painted += rgb == background ? 0 : 1;
      }
    }
    assertThat(painted).as("pixels that are not the background").isGreaterThan(
        (long) (0.2 * shot.getWidth() * shot.getHeight() / 9));
    assertThat(colours).as("distinct colours").hasSizeGreaterThan(50);
    for (String chart : page.charts().keySet()) {
      int[] box = drawn.get(chart);
      Set<Integer> fills = new HashSet<>();
      for (Element mark : ReportPage.all(page.chart(chart), "rect")) {
        if (ReportPage.hasClass(mark, "mark")) {
          fills.add(Integer.parseInt(mark.getAttribute("fill").substring(1), 16));
        }
      }
      for (Element mark : ReportPage.all(page.chart(chart), "circle")) {
        fills.add(Integer.parseInt(mark.getAttribute("fill").substring(1), 16));
      }
      long inColour = 0;
      for (int y = box[2]; y < box[2] + box[4]; y++) {
        for (int x = box[1]; x < box[1] + box[3]; x++) {
          inColour += fills.contains(shot.getRGB(x, y) & 0xffffff) ? 1 : 0;
        }
      }
      assertThat(inColour).as("pixels of " + chart + " in its series' colours").isGreaterThan(40);
    }
  }

  private static String attribute(String tag, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in " + tag);
    }
    return m.group(1);
  }

  /** Marks with a size on screen and the box of every chart, in page pixels; then the page's height. */
  private static final String PROBE = """
      <script>
      for (const svg of document.querySelectorAll('svg.chart')) {
        let drawn = 0;
        for (const mark of svg.querySelectorAll('.mark')) {
          const box = mark.getBBox();
          if (box.width > 0 && box.height > 0) drawn++;
        }
        const r = svg.getBoundingClientRect();
        svg.setAttribute('data-drawn', drawn);
        svg.setAttribute('data-box', [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.floor).join(','));
      }
      document.body.setAttribute('data-page-height', Math.ceil(document.documentElement.scrollHeight));
      </script>
      """;
}
