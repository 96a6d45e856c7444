package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.models.ModelContext;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "identity", mixinStandardHelpOptions = true,
    description = {"What identity costs on a small increment: generates N events over 30 days, loads and resolves "
        + "the first 29, loads the last, copies the warehouse, then in the same process resolves the last day "
        + "recomputing every component (what identity did before it scoped increments: the baseline) on the copy "
        + "and recomputing only the people it touches on the original, and checks both give the same mappings.",
        "Prints both times and last ratio=<scoped/every component>."})
public final class BenchIdentityCommand implements Callable<Integer> {

  private static final int DAYS = 30;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--events", paramLabel = "N", defaultValue = "200000",
      description = "Events over the 30 days (default: ${DEFAULT-VALUE}).")
  long events;

  @Mixin
  WorkFolder workFolder;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("identity");
    Path warehouse = dir.resolve("warehouse");
    RoundtripConfig config = configOptions.load()
        .withWarehouse(new RoundtripConfig.WarehouseConfig(null, warehouse.toString()));
    try (RoundtripContext context = new RoundtripContext(config)) {
      SampleArchiveGenerator archive = new SampleArchiveGenerator(SampleOptions.defaults(events));
      LoadRunner loads = new LoadRunner(context);
      Path input = dir.resolve("archive");
      err.printf("setting up (not measured): %,d events, %d days loaded and resolved, then day %d loaded%n", events,
          DAYS - 1, DAYS);
      err.flush();
      archive.generateDays(input, 0, DAYS - 1);
      loads.run(loads.request("bench", input.toString(), null), LoadProgress.SILENT);
      IdentityJob.Summary setup = job(context, context.warehouse(), IdentityJob.IncrementLimits.defaults()).run();
      archive.generateDays(input, DAYS - 1, DAYS);
      loads.run(loads.request("bench", input.toString(), null), LoadProgress.SILENT);
      Path copy = dir.resolve("warehouse-copy");
      copyTree(warehouse, copy);
      Warehouse baselineWarehouse = DeltaWarehouses.at(context.spark(), copy.toString());

      long t0 = System.nanoTime();
      IdentityJob.Summary whole = job(context, baselineWarehouse, IdentityJob.IncrementLimits.none()).run();
      double wholeSeconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      IdentityJob.Summary scoped = job(context, context.warehouse(), IdentityJob.IncrementLimits.defaults()).run();
      double scopedSeconds = (System.nanoTime() - t1) / 1e9;

      long differing = differing(mappings(context.warehouse()), mappings(baselineWarehouse));
      out.printf("input: %,d events over %d days; the last day %,d new events; %,d identifiers, %,d people before it; "
          + "%d cores%n", events, DAYS, scoped.newEvents(), setup.identifiers(), setup.people(),
          Runtime.getRuntime().availableProcessors());
      out.printf("every component (baseline): %7.1f s, %,d identifiers recomputed%n", wholeSeconds, whole.recomputed());
      out.printf("scoped (%s): %14.1f s, %,d identifiers recomputed%s%n", scoped.plan().name().toLowerCase(),
          scopedSeconds, scoped.recomputed(), scoped.why() == null ? "" : " (" + scoped.why() + ")");
      out.printf("mappings differing between the two: %,d%n", differing);
      out.printf("ratio=%.2f%n", scopedSeconds / wholeSeconds);
      out.flush();
      return differing == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    } finally {
      workFolder.close(dir);
    }
  }

  private static IdentityJob job(RoundtripContext context, Warehouse warehouse, IdentityJob.IncrementLimits limits) {
    ModelContext models = context.config().models().context(context.spark(), warehouse, "bench");
    return new IdentityJob(models, context.config().models().identity().options(), limits);
  }

  private static Dataset<Row> mappings(Warehouse warehouse) {
    return warehouse.read(new TableId("bench_models", IdentityJob.MAPPINGS));
  }

  private static long differing(Dataset<Row> a, Dataset<Row> b) {
    return a.exceptAll(b).count() + b.exceptAll(a).count();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
