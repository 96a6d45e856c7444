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
import java.nio.file.Files;
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
    description = {"Generates N events once, then measures the Roundtrip load of them against a baseline on the "
        + "same files. --baseline spark (default): spark.read.json(files) written as Parquet, and the Roundtrip "
        + "load, both in this process after a warm-up on one file. --baseline duckdb: the DuckDB script of "
        + "shared/baselines (read, extract fields, dedup on messageId, one Parquet folder per event type) in "
        + "this process through DuckDB's JDBC driver, and `roundtrip load` as a fresh process, as a user runs it.",
        "Prints events/s and peak memory for each, and last ratio=<roundtrip events/s / baseline events/s>."})
public final class BenchLoadCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
      description = "Events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--event-types", paramLabel = "N", defaultValue = "0",
      description = "0 (default) for the generator's realistic mix; N for track calls over N event names.")
  int eventTypes;

  @Option(names = "--baseline", paramLabel = "NAME", defaultValue = "spark",
      description = "spark or duckdb (default: ${DEFAULT-VALUE}).")
  String baseline;

  @Option(names = "--warehouse-type", paramLabel = "TYPE", defaultValue = "delta",
      description = "delta (default) or postgres: the Roundtrip load into an embedded PostgreSQL against a COPY of "
          + "the same rows, already flattened, from CSV into empty tables.")
  String warehouseType;

  @Mixin
  WorkFolder workFolder;

  @Override
  public Integer call() throws Exception {
    if (!baseline.equals("spark") && !baseline.equals("duckdb")) {
      throw new IllegalArgumentException("Unknown baseline \"" + baseline + "\": use spark or duckdb");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("load");
    try {
      Path archive = dir.resolve("archive");
      long started = System.nanoTime();
      SampleSummary generated = new SampleArchiveGenerator(SampleOptions.defaults(events).withEventTypes(eventTypes))
          .generate(archive);
      err.printf("generated %,d events (+%,d duplicates, +%,d malformed lines) in %,d files, %.1f s%n",
          generated.events(), generated.duplicates(), generated.badLines(), generated.files(),
          (System.nanoTime() - started) / 1e9);
      err.flush();
      long bytes;
      try (var files = Files.walk(archive)) {
        bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      out.printf("input: %,d events (+%,d duplicates, +%,d malformed lines), %,d gzipped files, %.1f MB, %d cores%n",
          events, generated.duplicates(), generated.badLines(), generated.files(), bytes / 1e6,
          Runtime.getRuntime().availableProcessors());
      if (warehouseType.equals("postgres")) {
        PostgresLoadBench.run(configOptions.load(), archive, dir, events, out, err);
        return ExitCodes.OK;
      } else if (!warehouseType.equals("delta")) {
        throw new IllegalArgumentException("Unknown warehouse type \"" + warehouseType + "\": use delta or postgres");
      }
      Measured base = baseline.equals("duckdb") ? duckdb(archive, dir, err) : null;
      Measured[] both = base == null ? inProcess(archive, dir, err) : new Measured[] {base, freshProcess(archive, dir, err)};
      double baselineRate = events / both[0].seconds;
      double roundtripRate = events / both[1].seconds;
      out.printf("baseline  (%s): %7.1f s %,10.0f events/s  %s%n", both[0].what, both[0].seconds, baselineRate,
          both[0].memory);
      out.printf("roundtrip (%s): %7.1f s %,10.0f events/s  %s%n", both[1].what, both[1].seconds, roundtripRate,
          both[1].memory);
      out.printf("ratio=%.2f%n", roundtripRate / baselineRate);
      out.flush();
      return ExitCodes.OK;
    } finally {
      workFolder.close(dir);
    }
  }

  private record Measured(String what, double seconds, String memory) {}

  private Measured duckdb(Path archive, Path dir, PrintWriter err) throws Exception {
    err.println("baseline: the DuckDB script");
    err.flush();
    Path duckOut = Files.createDirectories(dir.resolve("duckdb"));
    double seconds = DuckDbBaseline.run(archive, duckOut);
    return new Measured("duckdb: read, extract, dedup, parquet per type", seconds, "in this process");
  }

  private Measured freshProcess(Path archive, Path dir, PrintWriter err) throws Exception {
    err.println("roundtrip: `roundtrip load` in a fresh process");
    err.flush();
    FreshProcess.Result run = FreshProcess.run(dir, List.of("load", "--source", "bench", "--input",
        archive.toString(), "--warehouse", dir.resolve("warehouse").toString()));
    if (run.exitCode() != 0) {
      throw new IllegalStateException("roundtrip load exited " + run.exitCode() + ":\n" + run.stderr());
    }
    err.print(run.stderr());
    err.flush();
    return new Measured("roundtrip load, a fresh process", run.seconds(),
        String.format("peak resident %.2f GiB", run.peakResidentBytes() / (1024.0 * 1024 * 1024)));
  }

  private Measured[] inProcess(Path archive, Path dir, PrintWriter err) throws Exception {
    try (RoundtripContext context = configOptions.context()) {
      SparkSession spark = context.spark();
      List<ArchiveFile> files = Archive.list(archive.toString(), spark.sparkContext().hadoopConfiguration());
      String[] paths = files.stream().map(ArchiveFile::path).toArray(String[]::new);
      LoadRunner runner = new LoadRunner(context);

      err.println("warming up on one file");
      err.flush();
      sparkBaseline(spark, new String[] {paths[0]}, dir.resolve("warmup-baseline"));
      runner.run(runner.request("bench", paths[0], null),
          DeltaWarehouses.at(spark, dir.resolve("warmup-warehouse").toString()), LoadProgress.SILENT);

      err.println("baseline: spark.read.json -> parquet");
      err.flush();
      HeapPeak.reset();
      long t0 = System.nanoTime();
      sparkBaseline(spark, paths, dir.resolve("baseline"));
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
      return new Measured[] {
          new Measured("spark.read.json -> parquet", baselineSeconds, "peak heap " + HeapPeak.gib(baselineHeap)),
          new Measured(String.format("load: %d tables, %,d rows", summary.rowsByTable().size(),
              summary.rowsByTable().values().stream().mapToLong(Long::longValue).sum()), roundtripSeconds,
              "peak heap " + HeapPeak.gib(roundtripHeap))};
    }
  }

  private static void sparkBaseline(SparkSession spark, String[] paths, Path out) {
    spark.read().json(paths).write().mode("overwrite").parquet(out.toString());
  }
}
