package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.app.runtime.SqlModelRunner;
import io.roundtrip.models.sql.runs.LoadedProject;
import io.roundtrip.models.sql.runs.RunReport;
import io.roundtrip.models.sql.runs.SqlRunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Generates projects of N and 2N chained models and times sql list on each (reading the project: "
        + "no Spark), then the start of a Spark session; then builds (sql build) a chain of small table models twice and, as "
        + "the baseline, writes the same tables directly with Spark twice, and prints the seconds per model of the "
        + "second build of each. "
        + "Last line ratio=<2N list CPU time / N list CPU time> (a list runs in one thread; its CPU time is its work "
        + "however busy the machine is; wall times are printed too)."})
public final class BenchSqlCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Mixin
  WorkFolder workFolder;

  @Option(names = "--models", paramLabel = "N", defaultValue = "1000",
      description = "Models in the smaller listed project (default: ${DEFAULT-VALUE}).")
  int models;

  @Option(names = "--build-models", paramLabel = "M", defaultValue = "20",
      description = "Chained table models built to measure the cost per model (default: ${DEFAULT-VALUE}).")
  int buildModels;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("sql");
    try {
      // warm the reader up, so the timings are of reading, not of loading classes and compiling them;
      // then list N and 2N in turns (a slow spell of the shared machine hits both) and keep each's fastest
      Path warmup = project(dir.resolve("warmup"), models, "view");
      for (int i = 0; i < 30; i++) {
        list(warmup);
      }
      Path n = project(dir.resolve("n"), models, "view");
      Path twice = project(dir.resolve("2n"), 2 * models, "view");
      double[] small = {Double.MAX_VALUE, Double.MAX_VALUE};
      double[] large = {Double.MAX_VALUE, Double.MAX_VALUE};
      for (int i = 0; i < 15; i++) {
        fastest(small, timed(n));
        fastest(large, timed(twice));
      }
      err.println("listed " + models + " and " + 2 * models + " models");
      err.flush();

      RoundtripConfig config = configOptions.load()
          .withWarehouse(new RoundtripConfig.WarehouseConfig(null, dir.resolve("warehouse").toString()));
      try (RoundtripContext context = new RoundtripContext(config)) {
        long t0 = System.nanoTime();
        SparkSession spark = context.spark();
        double sparkStart = (System.nanoTime() - t0) / 1e9;
        Path chain = project(dir.resolve("build"), buildModels, "table");
        SqlModelRunner runner = new SqlModelRunner(context);
        LoadedProject loaded = LoadedProject.load(chain, "bench_sql", Map.of(), Map.of());
        SqlRunner.Options sequential = new SqlRunner.Options(List.of(), List.of(), false, Optional.empty(),
            Optional.empty(), false, 1);
        // the first build creates the tables and warms the code up; the second is what a rerun costs
        long t1 = System.nanoTime();
        RunReport first = runner.execute(loaded, SqlRunner.Command.BUILD, sequential, line -> { });
        double firstBuild = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        RunReport report = runner.execute(loaded, SqlRunner.Command.BUILD, sequential, line -> { });
        double build = (System.nanoTime() - t2) / 1e9;
        if (first.failed() || report.failed()) {
          report.results().stream().filter(r -> r.failed()).forEach(r -> err.println(r.name() + ": " + r.message()));
          return ExitCodes.FAILURE;
        }
        baseline(spark, dir.resolve("baseline"), buildModels);
        double baseline = baseline(spark, dir.resolve("baseline"), buildModels);

        out.printf("sql list, %,d models: %8.3f s (%.3f s CPU)%n", models, small[0], small[1]);
        out.printf("sql list, %,d models: %8.3f s (%.3f s CPU)%n", 2 * models, large[0], large[1]);
        out.printf("Spark session start:   %8.3f s (%s the %,d-model list)%n", sparkStart,
            sparkStart > small[0] ? "slower than" : "faster than", models);
        out.printf("sql build, %d chained table models (and one test): first build %.2f s, rebuild %.2f s, "
            + "%.3f s per model%n",
            buildModels, firstBuild, build, build / buildModels);
        out.printf("baseline, the same tables written directly with Spark: %.2f s, %.3f s per table%n", baseline,
            baseline / buildModels);
        out.printf("load average: %.1f on %d cores%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            Runtime.getRuntime().availableProcessors());
        out.printf("ratio=%.2f%n", large[1] / small[1]);
        out.flush();
      }
      return ExitCodes.OK;
    } finally {
      workFolder.close(dir);
    }
  }

  /** N models, each but the first reading the one before it. */
  static Path project(Path dir, int count, String materialized) throws IOException {
    Path models = dir.resolve("models");
    Files.createDirectories(models);
    Files.writeString(dir.resolve("dbt_project.yml"), "name: bench\nmodels:\n  bench:\n    +materialized: "
        + materialized + "\n");
    for (int i = 1; i <= count; i++) {
      String sql = i == 1 ? "select 1 as id, 'a' as name" : "select id + 1 as id, name from {{ ref('" + name(i - 1) + "') }}";
      Files.writeString(models.resolve(name(i) + ".sql"), "-- model " + i + "\n" + sql + "\n");
    }
    Files.writeString(models.resolve("schema.yml"), "version: 2\nmodels:\n  - name: " + name(1)
        + "\n    columns:\n      - name: id\n        tests: [unique]\n");
    return dir;
  }

  private static String name(int i) {
    return String.format("m_%05d", i);
  }

  private static int list(Path project) {
    return LoadedProject.load(project, "bench_sql", Map.of(), Map.of()).list(List.of(), List.of()).size();
  }

  /**
   * Wall and CPU seconds a list of the project takes: the mean of three, so one hiccup weighs a third,
   * each after a collection (outside the timing) so that none pays for the garbage of the one before.
   * A list runs in this thread, so its CPU time is its work, whatever else the machine runs; its wall
   * time is what a person waits.
   */
  private static double[] timed(Path project) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long wall = 0;
    long cpu = 0;
    for (int i = 0; i < 3; i++) {
      System.gc();
      long t0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      list(project);
      cpu += threads.getCurrentThreadCpuTime() - c0;
      wall += System.nanoTime() - t0;
    }
    return new double[] {wall / 3e9, cpu / 3e9};
  }

  private static void fastest(double[] best, double[] sample) {
    best[0] = Math.min(best[0], sample[0]);
    best[1] = Math.min(best[1], sample[1]);
  }

  /** The chain's tables written as plain Delta tables with Spark, no runner: the floor a model can cost. */
  private static double baseline(SparkSession spark, Path dir, int count) {
    String previous = null;
    long t0 = System.nanoTime();
    for (int i = 1; i <= count; i++) {
      String path = dir.resolve(name(i)).toString();
      String sql = previous == null ? "select 1 as id, 'a' as name"
          : "select id + 1 as id, name from delta.`" + previous + "`";
      spark.sql(sql).write().format("delta").mode("overwrite").save(path);
      previous = path;
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
