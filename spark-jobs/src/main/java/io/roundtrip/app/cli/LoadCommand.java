package io.roundtrip.app.cli;

import io.roundtrip.app.output.ConsoleProgress;
import io.roundtrip.app.output.LoadReport;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.load.LoadSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
    description = {"Loads a file or a folder of raw events (.json, .ndjson, .gz; folders recursively) into the "
        + "warehouse schema SOURCE. Files already loaded (same checksum) are skipped, so re-running is safe.",
        "Progress goes to stderr, the summary to stdout."})
public final class LoadCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Mixin
  LoggingOptions logging;

  @Option(names = "--source", required = true, paramLabel = "NAME",
      description = "Source name: the warehouse schema the tables go to.")
  String source;

  @Option(names = "--input", paramLabel = "PATH",
      description = "File or folder to load (default: sources.<NAME>.input in the config).")
  String input;

  @Option(names = "--dedup-window", paramLabel = "DURATION",
      description = "How far around the new events to look for messageIds already loaded: 24h, 7d, or all "
          + "(default: load.dedup_window, 7d).")
  String dedupWindow;

  @Option(names = "--reload", description = "Read again the archive days from --since on, even if loaded: to backfill "
      + "events a changed sources.<NAME>.sync filter now lets in. Events loaded before are duplicates, as always.")
  boolean reload;

  @Option(names = "--since", paramLabel = "DAY",
      description = "With --reload: the first archive day (YYYY-MM-DD) to read again.")
  java.time.LocalDate since;

  @Option(names = "--start", paramLabel = "DAY",
      description = "With --end: load only the archive's day folders from this day (YYYY-MM-DD) on: a data "
          + "interval, as the pipeline and Airflow pass it.")
  java.time.LocalDate start;

  @Option(names = "--end", paramLabel = "DAY", description = "With --start: the day after the interval (exclusive).")
  java.time.LocalDate end;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Summary format: text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("Unknown format \"" + format + "\": use text or json");
    }
    try (RoundtripContext context = configOptions.context()) {
      LoadRunner runner = new LoadRunner(context);
      if (reload != (since != null)) {
        throw new IllegalArgumentException("--reload and --since go together: load --source " + source
            + " --reload --since YYYY-MM-DD");
      }
      if ((start == null) != (end == null)) {
        throw new IllegalArgumentException("--start and --end go together: load --source " + source
            + " --start YYYY-MM-DD --end YYYY-MM-DD");
      }
      var request = runner.request(source, input, dedupWindow, since);
      if (logging.verbose()) {
        context.spark().sparkContext().setLogLevel("INFO");
      }
      LoadSummary summary;
      if (start == null) {
        summary = runner.run(request, new ConsoleProgress(spec.commandLine().getErr()));
      } else {
        summary = loadInterval(context, runner, request);
        if (summary == null) {
          spec.commandLine().getOut().println("No archive day folders from " + start + " to " + end
              + " (exclusive) in " + request.input() + ": nothing to load");
          return ExitCodes.OK;
        }
      }
      LoadReport.print(summary, format.equals("json"), spec.commandLine().getOut());
      return ExitCodes.OK;
    }
  }

  /** One load per day folder of the interval, in day order; null when it has none. */
  private LoadSummary loadInterval(RoundtripContext context, LoadRunner runner, io.roundtrip.loaders.load.LoadRequest request) {
    LoadSummary summary = null;
    for (String folder : io.roundtrip.app.runtime.ArchiveDayFolders.within(request.input(), start, end,
        context.spark().sparkContext().hadoopConfiguration())) {
      var day = new io.roundtrip.loaders.load.LoadRequest(request.source(), folder, request.dedupWindow(),
          request.parallelWrites(), request.filter(), request.reloadSince());
      LoadSummary loaded = runner.run(day, new ConsoleProgress(spec.commandLine().getErr()));
      summary = summary == null ? loaded : summary.plus(loaded);
    }
    return summary;
  }
}
