package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tables", mixinStandardHelpOptions = true,
    description = {"What a load costs per table it touches: for FEW and for MANY event types, generates two days of "
        + "N track events each, loads day 1 into a fresh warehouse and day 2 into the same tables, all in this "
        + "process after a warm-up load.",
        "Prints each time and last ratio=<worst of (MANY-type time / FEW-type time) over the two loads>."})
public final class BenchTablesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--events", paramLabel = "N", defaultValue = "20000",
      description = "Events per day (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--few", paramLabel = "FEW", defaultValue = "10",
      description = "Event types of the small case (default: ${DEFAULT-VALUE}).")
  int few;

  @Option(names = "--many", paramLabel = "MANY", defaultValue = "300",
      description = "Event types of the large case (default: ${DEFAULT-VALUE}).")
  int many;

  @Mixin
  WorkFolder workFolder;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("tables");
    try (RoundtripContext context = configOptions.context()) {
      LoadRunner runner = new LoadRunner(context);
      err.println("warming up");
      err.flush();
      double[] warm = twoDays(runner, context, dir.resolve("warmup"), 2_000, few);
      double[] small = twoDays(runner, context, dir.resolve("few"), events, few);
      double[] large = twoDays(runner, context, dir.resolve("many"), events, many);
      out.printf("%,d track events a day, in this process (warm-up %.1f s + %.1f s)%n", events, warm[0], warm[1]);
      out.printf("%4d event types: fresh warehouse %6.1f s, next day %6.1f s%n", few, small[0], small[1]);
      out.printf("%4d event types: fresh warehouse %6.1f s, next day %6.1f s%n", many, large[0], large[1]);
      double fresh = large[0] / small[0];
      double next = large[1] / small[1];
      out.printf("fresh: %.2fx, next day: %.2fx%n", fresh, next);
      out.printf("ratio=%.2f%n", Math.max(fresh, next));
      out.flush();
      return ExitCodes.OK;
    } finally {
      workFolder.close(dir);
    }
  }

  /** Seconds of the first and the second day's load. */
  private static double[] twoDays(LoadRunner runner, RoundtripContext context, Path dir, long perDay, int types)
      throws Exception {
    SampleOptions options = SampleOptions.defaults(perDay * 2);
    new SampleArchiveGenerator(new SampleOptions(perDay * 2, options.users(), 2, options.seed(),
        options.duplicateRate(), options.badLineRate(), options.startDay(), options.sourceId(), types))
        .generate(dir.resolve("archive"));
    List<Path> days;
    try (Stream<Path> listed = Files.list(dir.resolve("archive").resolve("segment-logs").resolve(options.sourceId()))) {
      days = listed.sorted().toList();
    }
    Warehouse warehouse = DeltaWarehouses.at(context.spark(), dir.resolve("warehouse").toString());
    double[] seconds = new double[2];
    for (int d = 0; d < 2; d++) {
      long started = System.nanoTime();
      LoadSummary summary = runner.run(runner.request("bench", days.get(d).toString(), null), warehouse,
          LoadProgress.SILENT);
      seconds[d] = (System.nanoTime() - started) / 1e9;
      if (summary.newEvents() == 0) {
        throw new IllegalStateException("day " + (d + 1) + " loaded nothing");
      }
    }
    return seconds;
  }
}
