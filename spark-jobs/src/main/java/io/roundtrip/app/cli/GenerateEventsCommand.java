package io.roundtrip.app.cli;

import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.loaders.samples.SampleSummary;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate-events", mixinStandardHelpOptions = true,
    description = {"Writes a deterministic, realistic archive of Segment-spec events in the layout of a Segment S3 "
        + "archive: <out>/segment-logs/<source-id>/<day>/<time>.<hash>.gz, gzipped NDJSON.",
        "N is the number of distinct valid events; duplicates and malformed lines come on top, at the given "
        + "rates (fractions of N)."})
public final class GenerateEventsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the archive to.")
  Path out;

  @Option(names = "--events", required = true, paramLabel = "N", description = "Distinct valid events to write.")
  long events;

  @Option(names = "--users", paramLabel = "U", description = "People in the population (default: max(10, N/25)).")
  Integer users;

  @Option(names = "--days", paramLabel = "D", defaultValue = "30", description = "Days the archive spans (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--duplicate-rate", paramLabel = "R", defaultValue = "0.01",
      description = "Share of events sent twice, as client retries do (default: ${DEFAULT-VALUE}).")
  double duplicateRate;

  @Option(names = "--bad-line-rate", paramLabel = "R", defaultValue = "0.001",
      description = "Malformed lines per event (default: ${DEFAULT-VALUE}).")
  double badLineRate;

  @Option(names = "--start-day", paramLabel = "DATE", defaultValue = "2026-01-01",
      description = "First day, UTC (default: ${DEFAULT-VALUE}).")
  LocalDate startDay;

  @Option(names = "--source-id", paramLabel = "ID", defaultValue = "js-web",
      description = "Source id in the archive's paths (default: ${DEFAULT-VALUE}).")
  String sourceId;

  @Option(names = "--event-types", paramLabel = "N", defaultValue = "0",
      description = "0 (default) for the realistic mix of calls; N for track calls only, spread over N event names "
          + "(Custom Event 1 .. N), each with the same four properties.")
  int eventTypes;

  @Override
  public Integer call() throws Exception {
    SampleOptions options = new SampleOptions(events, users == null ? SampleOptions.defaults(events).users() : users,
        days, seed, duplicateRate, badLineRate, startDay, sourceId, eventTypes);
    long started = System.nanoTime();
    SampleSummary summary = new SampleArchiveGenerator(options).generate(out);
    var stdout = spec.commandLine().getOut();
    stdout.printf("Wrote %,d events + %,d duplicates + %,d malformed lines in %,d files to %s (%.1f s)%n",
        summary.events(), summary.duplicates(), summary.badLines(), summary.files(),
        out.resolve("segment-logs").resolve(sourceId), (System.nanoTime() - started) / 1e9);
    stdout.flush();
    return ExitCodes.OK;
  }
}
