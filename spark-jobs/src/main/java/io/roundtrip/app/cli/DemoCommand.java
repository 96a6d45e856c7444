package io.roundtrip.app.cli;

import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.demo.DemoConfig;
import io.roundtrip.app.demo.DemoDestinations;
import io.roundtrip.app.output.ConsoleProgress;
import io.roundtrip.app.report.HtmlReport;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.ModelRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.app.runtime.SqlModelRunner;
import io.roundtrip.app.runtime.SyncRunner;
import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.loaders.samples.SampleSummary;
import io.roundtrip.models.sql.runs.LoadedProject;
import io.roundtrip.models.sql.runs.NodeResult;
import io.roundtrip.models.sql.runs.RunReport;
import io.roundtrip.models.sql.runs.SqlRunner;
import io.roundtrip.reverseetl.report.SyncReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The round trip on sample data, as two nights of a nightly run: events in, models built, audiences
 * out; then one more day, of which only the new files load and only the changed rows sync. Every
 * step is the one its own command runs, with the configuration the demo writes to its folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The whole round trip on generated events: load, identity, LTV, funnels, attribution, the "
        + "SQL models in sql/, two syncs (a PostgreSQL table and a webhook the demo starts), then one more day "
        + "loaded and synced incrementally, and a report. Running it again changes nothing."})
public final class DemoCommand implements Callable<Integer> {

  /** Days of events the first night loads; the second night brings one more. */
  static final int FIRST_DAYS = 14;
  static final LocalDate START = LocalDate.of(2026, 1, 1);

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "roundtrip-demo",
      description = "The demo's folder: archive, configuration, PostgreSQL data, report (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--events", paramLabel = "N", defaultValue = "20000",
      description = "Events of the first " + FIRST_DAYS + " days (default: ${DEFAULT-VALUE}); the next day brings "
          + "1/" + FIRST_DAYS + " as many.")
  long events;

  @Option(names = "--project", paramLabel = "DIR",
      description = "The SQL project the demo builds (default: sql.project, else ./sql, the models that ship).")
  Path project;

  private PrintWriter out;
  private long started;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    started = System.nanoTime();
    Path archive = dir.resolve("archive");
    // the first nights' archive is one in which the lifetime-value fit converges at the default size;
    // the next day is a day of its own (new visitors and orders), so the first nights stay the same
    SampleOptions firstNights = new SampleOptions(events, SampleOptions.defaults(events).users(), FIRST_DAYS, 42,
        0.01, 0.001, START, "demo-web", 0);
    long dayEvents = Math.max(1, events / FIRST_DAYS);
    SampleOptions nextDay = new SampleOptions(dayEvents, SampleOptions.defaults(dayEvents).users(), 1, 42, 0.01,
        0.001, START.plusDays(FIRST_DAYS), "demo-web", 0);
    Path sourceFolder = archive.resolve("segment-logs").resolve(firstNights.sourceId());
    Path configFile = DemoConfig.write(dir, sourceFolder);

    say("Starting the demo's destinations: PostgreSQL (data in %s) and a webhook receiver on 127.0.0.1",
        dir.resolve("postgres"));
    try (DemoDestinations destinations = DemoDestinations.start(dir.resolve("postgres").toAbsolutePath())) {
      ConfigOptions demo = configOptions.over(configFile, destinations.env());
      RoundtripConfig config = demo.load();
      LoadedProject sqlProject = LoadedProject.load(project != null ? project : Path.of(config.sql().project()),
          config.sql().schema(), Map.of(), demo.env());
      try (RoundtripContext context = new RoundtripContext(config)) {
        Night night = new Night(context, demo.env(), sqlProject, destinations, sourceFolder, err);
        out.println();
        out.printf("Night 1: the first %d days of events%n", FIRST_DAYS);
        night.run(new SampleArchiveGenerator(firstNights).generateDays(archive, 0, FIRST_DAYS));
        out.println();
        out.println("Night 2: one more day; only its files load, and only changed rows sync");
        night.run(new SampleArchiveGenerator(nextDay).generateDays(archive, 0, 1));

        out.println();
        Path report = dir.resolve("report.html");
        HtmlReport.Summary written = new HtmlReport(context).write(DemoConfig.SOURCE, report, line -> { });
        say("Report: %s (%d sections, %d charts); open it in a browser", written.file().toAbsolutePath(),
            written.sections(), written.charts());
      }
    }
    out.println();
    out.printf("Done in %.0f s. Look further (the demo's configuration is %s):%n", seconds(started), configFile);
    out.println("  ./roundtrip query \"SELECT event_text, count(*) FROM demo.tracks GROUP BY 1 ORDER BY 2 DESC\"");
    out.println("  ./roundtrip query \"SELECT * FROM analytics.top_customers LIMIT 10\"");
    out.println("  ./roundtrip query \"SELECT * FROM demo_models.funnel_campaign ORDER BY breakdown, step\"");
    out.println("  ./roundtrip sql list");
    out.printf("  ./roundtrip sync status %s --config %s%n", DemoConfig.TABLE_SYNC, configFile);
    out.flush();
    return ExitCodes.OK;
  }

  /** One nightly run: what arrived, loaded, modelled, synced. */
  private final class Night {
    private final RoundtripContext context;
    private final Map<String, String> env;
    private final LoadedProject project;
    private final DemoDestinations destinations;
    private final Path sourceFolder;
    private final PrintWriter err;

    Night(RoundtripContext context, Map<String, String> env, LoadedProject project, DemoDestinations destinations,
        Path sourceFolder, PrintWriter err) {
      this.context = context;
      this.env = env;
      this.project = project;
      this.destinations = destinations;
      this.sourceFolder = sourceFolder;
      this.err = err;
    }

    void run(SampleSummary arrived) throws InterruptedException {
      if (arrived.files() == 0) {
        say("archive: nothing new (its days are there from an earlier demo)");
      } else {
        say("archive: %,d events arrived in %d files (+%,d retried duplicates, +%,d malformed lines)",
            arrived.events(), arrived.files(), arrived.duplicates(), arrived.badLines());
      }

      long t = System.nanoTime();
      LoadRunner loader = new LoadRunner(context);
      LoadSummary load = loader.run(loader.request(DemoConfig.SOURCE, sourceFolder.toString(), null),
          new ConsoleProgress(err));
      long rows = load.rowsByTable().values().stream().mapToLong(Long::longValue).sum();
      say("load: %d new files (%d loaded before), %,d events, %,d duplicates dropped, %,d lines rejected "
              + "-> %,d rows in %d tables of schema demo  (%.1f s)", load.filesLoaded(), load.filesSkipped(),
          load.events(), load.duplicatesInLoad() + load.duplicatesInWarehouse(), load.rejects(), rows,
          load.rowsByTable().size(), seconds(t));

      say("models (tables in demo_models):");
      new ModelRunner(context).run(DemoConfig.SOURCE, ModelRunner.Model.parse("all"), line -> say("  %s", line));

      t = System.nanoTime();
      RunReport sql = new SqlModelRunner(context).execute(project, SqlRunner.Command.BUILD,
          SqlRunner.Options.defaults(), line -> { });
      say("sql build (%s): %d models and seeds built, %d tests passed, %d warned, %d failed  (%.1f s)",
          config().sql().schema(), sql.results().stream().filter(r -> !r.resourceType().equals("test")
              && r.status().equals("success")).count(), sql.count("pass"), sql.count("warn"),
          sql.results().stream().filter(NodeResult::failed).count(), seconds(t));
      for (NodeResult failed : sql.results().stream().filter(NodeResult::failed).toList()) {
        say("  %s %s: %s", failed.status(), failed.name(), failed.message());
      }

      SyncRunner syncs = new SyncRunner(context, env);
      t = System.nanoTime();
      SyncReport table = syncs.run(DemoConfig.TABLE_SYNC, false, false, line -> { });
      say("sync %s: %s; %s now holds %,d rows  (%.1f s)", DemoConfig.TABLE_SYNC, sent(table), DemoConfig.TABLE,
          destinations.postgresRows(DemoConfig.TABLE), seconds(t));
      t = System.nanoTime();
      SyncReport audience = syncs.run(DemoConfig.AUDIENCE_SYNC, false, false, line -> { });
      say("sync %s: %s; the receiver got %,d records in %d requests so far  (%.1f s)", DemoConfig.AUDIENCE_SYNC,
          sent(audience), destinations.webhookRecords(), destinations.webhookRequests(),
          seconds(t));
    }

    private RoundtripConfig config() {
      return context.config();
    }

    private String sent(SyncReport report) {
      if (report.sent() == 0 && report.removed() == 0) {
        return "nothing changed, nothing sent (" + String.format("%,d", report.unchanged()) + " rows as last sent)";
      }
      return String.format("sent %,d (%,d added, %,d changed, %,d removed), %,d acknowledged, %,d failed",
          report.sent(), report.added(), report.changed(), report.removed(), report.acknowledged(),
          report.failed() + report.permanentlyFailed());
    }
  }

  private void say(String format, Object... args) {
    out.println(String.format(format, args));
    out.flush();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
