package io.roundtrip.app.cli;

import io.roundtrip.app.output.ConsoleProgress;
import io.roundtrip.app.report.HtmlReport;
import io.roundtrip.app.runtime.RoundtripContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes a report on a source as one HTML file that needs no network to view: load history, "
        + "funnels, lifetime value, attribution, referral channels, daily active users and syncs, as charts and "
        + "tables, with the SQL behind each. A section whose tables are missing says what to run."})
public final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Mixin
  LoggingOptions logging;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "roundtrip-report.html",
      description = "The HTML file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--source", paramLabel = "NAME",
      description = "The source to report on (default: the only source loaded into the warehouse).")
  String source;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    long started = System.nanoTime();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
    try (RoundtripContext context = configOptions.context()) {
      progress.phase("Opening the warehouse in " + context.config().warehouse().path());
      if (logging.verbose()) {
        context.spark().sparkContext().setLogLevel("INFO");
      }
      HtmlReport report = new HtmlReport(context);
      String name = source != null ? source : report.defaultSource();
      HtmlReport.Summary summary = report.write(name, out, progress::phase);
      stdout.printf("Wrote %s: source %s, %d sections, %d charts, %.1f s%n", summary.file(), summary.source(),
          summary.sections(), summary.charts(), (System.nanoTime() - started) / 1e9);
      if (!summary.unavailable().isEmpty()) {
        stdout.println("No data yet for: " + String.join(", ", summary.unavailable())
            + " (the report says what to run for each)");
      }
      stdout.flush();
      return ExitCodes.OK;
    }
  }
}
