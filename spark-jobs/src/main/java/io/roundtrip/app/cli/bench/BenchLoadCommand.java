package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.output.ConsoleProgress;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.archive.Archive;
import io.roundtrip.loaders.archive.ArchiveFile;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.loaders.samples.SampleSummary;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
    description = {"Generates N events once, then in one process measures (a) a naive Spark baseline, "
        + "spark.read.json(files) written as Parquet, and (b) the full Roundtrip load of the same files (flattening, "
        + "per-event tables, users merge, dedup). Both first run once on one file to warm the JVM up.",
        "Prints events/s and peak heap for each, and last ratio=<roundtrip/baseline>."})
public final class BenchLoadCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
      description = "Events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Mixin
  WorkFolder workFolder;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("load");
    try (RoundtripContext context = configOptions.context()) {
      Path archive = dir.resolve("archive");
      long started = System.nanoTime();
      SampleSummary generated = new SampleArchiveGenerator(SampleOptions.defaults(events)).generate(archive);
      err.printf("generated %,d events (+%,d duplicates, +%,d malformed lines) in %,d files, %.1f s%n",
          generated.events(), generated.duplicates(), generated.badLines(), generated.files(),
          (System.nanoTime() - started) / 1e9);
      err.flush();

      SparkSession spark = context.spark();
      List<ArchiveFile> files = Archive.list(archive.toString(), spark.sparkContext().hadoopConfiguration());
      String[] paths = files.stream().map(ArchiveFile::path).toArray(String[]::new);
      long bytes = files.stream().mapToLong(ArchiveFile::size).sum();
      LoadRunner runner = new LoadRunner(context);

      err.println("warming up on one file");
      err.flush();
      baseline(spark, new String[] {paths[0]}, dir.resolve("warmup-baseline"));
      runner.run(runner.request("bench", paths[0], null),
          DeltaWarehouses.at(spark, dir.resolve("warmup-warehouse").toString()), LoadProgress.SILENT);

      err.println("baseline: spark.read.json -> parquet");
      err.flush();
      HeapPeak.reset();
      long t0 = System.nanoTime();
      baseline(spark, paths, dir.resolve("baseline"));
      double baselineSeconds = (System.nanoTime() - t0) / 1e9;
      long baselineHeap = HeapPeak.bytes();

      err.println("roundtrip: load");
      err.flush();
      HeapPeak.reset();
      long t1 = System.nanoTime();
      LoadSummary summary = runner.run(runner.request("bench", archive.toString(), null),
          DeltaWarehouses.at(spark, dir.resolve("warehouse").toString()), new ConsoleProgress(err));
      double roundtripSeconds = (System.nanoTime() - t1) / 1e9;
      long roundtripHeap = HeapPeak.bytes();

      double baselineRate = events / baselineSeconds;
      double roundtripRate = events / roundtripSeconds;
      out.printf("input: %,d events (+%,d duplicates, +%,d malformed lines), %,d gzipped files, %.1f MB, %d cores%n",
          events, generated.duplicates(), generated.badLines(), files.size(), bytes / 1e6,
          Runtime.getRuntime().availableProcessors());
      out.printf("baseline  (spark.read.json -> parquet): %7.1f s %,10.0f events/s  peak heap %s%n",
          baselineSeconds, baselineRate, HeapPeak.gib(baselineHeap));
      out.printf("roundtrip (load: %d tables, %,d rows):  %7.1f s %,10.0f events/s  peak heap %s%n",
          summary.rowsByTable().size(), summary.rowsByTable().values().stream().mapToLong(Long::longValue).sum(),
          roundtripSeconds, roundtripRate, HeapPeak.gib(roundtripHeap));
      out.printf("ratio=%.2f%n", roundtripRate / baselineRate);
      out.flush();
      return ExitCodes.OK;
    } finally {
      workFolder.close(dir);
    }
  }

  private static void baseline(SparkSession spark, String[] paths, Path out) {
    spark.read().json(paths).write().mode("overwrite").parquet(out.toString());
  }

}
