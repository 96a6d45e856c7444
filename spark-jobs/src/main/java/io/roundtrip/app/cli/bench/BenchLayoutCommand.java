package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "layout", mixinStandardHelpOptions = true,
    description = {"What the received_at layout saves: loads DAYS days of events one day at a time (as a nightly "
        + "run does), and after 10 days and after all of them loads one more day, measuring the bytes the load "
        + "read from the warehouse (Spark's input metrics: the dedup window's files) and its dedup phase's time.",
        "Prints both at 10 and at DAYS days and the whole tables' size, and last "
            + "ratio=<dedup seconds at DAYS days / at 10 days>."})
public final class BenchLayoutCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--days", paramLabel = "DAYS", defaultValue = "60",
      description = "Days the warehouse holds at the end (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--events-per-day", paramLabel = "N", defaultValue = "5000",
      description = "Events a day (default: ${DEFAULT-VALUE}).")
  long perDay;

  @Mixin
  WorkFolder workFolder;

  @Override
  public Integer call() throws Exception {
    if (days <= 10) {
      throw new IllegalArgumentException("--days must be more than 10, was " + days);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("layout");
    try (RoundtripContext context = configOptions.context()) {
      SparkSession spark = context.spark();
      Path archive = dir.resolve("archive");
      SampleOptions base = SampleOptions.defaults(perDay * (days + 2));
      new SampleArchiveGenerator(new SampleOptions(perDay * (days + 2), base.users(), days + 2, 42, 0.01, 0.001,
          LocalDate.of(2026, 1, 1), "js-web", 0)).generate(archive);
      List<Path> dayFolders;
      try (Stream<Path> listed = Files.list(archive.resolve("segment-logs").resolve("js-web"))) {
        dayFolders = listed.sorted().toList();
      }
      Warehouse warehouse = DeltaWarehouses.at(spark, dir.resolve("warehouse").toString());
      LoadRunner runner = new LoadRunner(context);
      AtomicLong bytesRead = new AtomicLong();
      spark.sparkContext().addSparkListener(new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
          if (end.taskMetrics() != null) {
            bytesRead.addAndGet(end.taskMetrics().inputMetrics().bytesRead());
          }
        }
      });
      double[][] measured = new double[2][];
      int loaded = 0;
      for (int target : List.of(10, days)) {
        while (loaded < target) {
          runner.run(runner.request("layout", dayFolders.get(loaded).toString(), null), warehouse, LoadProgress.SILENT);
          loaded++;
          err.printf("loaded day %d of %d%n", loaded, days);
          err.flush();
        }
        Path extra = dayFolders.get(target == 10 ? days : days + 1);
        long tableBytes = bytes(dir.resolve("warehouse").resolve("layout"));
        DedupTimer timer = new DedupTimer();
        bytesRead.set(0);
        runner.run(runner.request("layout", extra.toString(), null), DeltaWarehouses.at(spark,
            dir.resolve("warehouse").toString()), timer);
        spark.sparkContext().listenerBus().waitUntilEmpty();
        // the new day's own files are read too (parse): count the warehouse's part only
        long readFromWarehouse = Math.max(0, bytesRead.get() - bytes(extra));
        measured[target == 10 ? 0 : 1] = new double[] {target, timer.dedupSeconds(), readFromWarehouse, tableBytes};
      }
      out.printf("%,d events a day, one load a day%n", perDay);
      for (double[] m : measured) {
        out.printf("%3.0f days held: dedup phase %5.2f s, read from the warehouse %8.1f MB of %8.1f MB (%.1f%%)%n",
            m[0], m[1], m[2] / 1e6, m[3] / 1e6, 100 * m[2] / m[3]);
      }
      out.printf("ratio=%.2f%n", measured[1][1] / measured[0][1]);
      out.flush();
      return ExitCodes.OK;
    } finally {
      workFolder.close(dir);
    }
  }

  private static long bytes(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".parquet") || p.toString()
          .endsWith(".gz") || p.toString().endsWith(".json")).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Times the dedup phase from the load's own phase reports. */
  private static final class DedupTimer implements LoadProgress {
    private long dedupStarted;
    private long dedupEnded;

    @Override
    public void phase(String name) {
      if (name.equals("dedup")) {
        dedupStarted = System.nanoTime();
      } else if (name.equals("schema")) {
        dedupEnded = System.nanoTime();
      }
    }

    double dedupSeconds() {
      return (dedupEnded - dedupStarted) / 1e9;
    }
  }
}
