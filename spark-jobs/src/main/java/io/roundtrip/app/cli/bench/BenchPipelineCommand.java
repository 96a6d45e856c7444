package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.ConfigFile;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.pipeline.LocalPipeline;
import io.roundtrip.app.pipeline.PipelineGraph;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.Job;
import io.roundtrip.orchestration.graph.JobGraph;
import io.roundtrip.orchestration.runner.RunReport;
import io.roundtrip.orchestration.runner.TaskResult;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Generates N events (30 days), then runs the nightly job graph (load, identity, ltv, funnels, "
        + "attribution) for the archive's interval twice, each into a warehouse of its own: first as the "
        + "commands one by one, each a fresh process as a scheduler without the runner would start them, then with "
        + "the local runner in this process (one JVM, one Spark session, independent tasks at once). Prints "
        + "each task's seconds both ways and last ratio=<pipeline wall time / sum of the separate commands>."})
public final class BenchPipelineCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--events", paramLabel = "N", defaultValue = "200000",
      description = "Events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Mixin
  WorkFolder workFolder;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("pipeline");
    try {
      SampleOptions options = SampleOptions.defaults(events);
      new SampleArchiveGenerator(options).generate(dir.resolve("archive"));
      DataInterval interval = new DataInterval(options.startDay().toString(),
          options.startDay().plusDays(options.days()).toString());
      Path archive = dir.resolve("archive/segment-logs").resolve(options.sourceId());
      Path inProcess = config(dir, "pipeline", archive);
      Path separate = config(dir, "separate", archive);
      err.printf("generated %,d events over %d days; interval %s to %s%n", events, options.days(), interval.start(),
          interval.end());
      err.flush();

      RoundtripConfig config = ConfigFile.load(inProcess, configOptions.env());
      JobGraph graph = PipelineGraph.of(config, configOptions.env());
      // the separate commands first, while this JVM is small: its heap and a child's at once may not fit
      Map<String, Double> alone = new LinkedHashMap<>();
      for (Job job : graph.jobs()) {
        List<String> args = new ArrayList<>(job.command(interval));
        args.addAll(List.of("--config", separate.toString()));
        FreshProcess.Result result = FreshProcess.run(dir, args);
        if (result.exitCode() != 0) {
          out.println(job.name() + " as a separate command failed (exit " + result.exitCode() + "): " + result.stderr());
          out.flush();
          return ExitCodes.FAILURE;
        }
        alone.put(job.name(), result.seconds());
        err.printf("separate: %s %.1f s%n", job.name(), result.seconds());
        err.flush();
      }
      long t0 = System.nanoTime();
      RunReport report;
      try (RoundtripContext context = new RoundtripContext(config)) {
        report = LocalPipeline.runner(context, configOptions.env(), List.of("--config", inProcess.toString()), err)
            .run(graph, interval, false);
      }
      double pipelineSeconds = (System.nanoTime() - t0) / 1e9;
      if (!report.succeeded()) {
        out.print(report.table());
        out.println("the pipeline run failed; no ratio");
        out.flush();
        return ExitCodes.FAILURE;
      }

      double sum = alone.values().stream().mapToDouble(Double::doubleValue).sum();

      out.printf("input: %,d events over %d days, %d cores, load average %.2f at the end%n", events, options.days(),
          Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      out.printf("%-18s %10s %10s%n", "task", "pipeline s", "separate s");
      for (TaskResult result : report.results()) {
        out.printf("%-18s %10.1f %10.1f%n", result.task(), result.duration().toMillis() / 1000.0, alone.get(result.task()));
      }
      out.printf("pipeline wall time: %.1f s (parallelism %d); separate commands: %.1f s in all%n", pipelineSeconds,
          config.pipeline().parallelism(), sum);
      out.printf("ratio=%.2f%n", pipelineSeconds / sum);
      out.flush();
      return ExitCodes.OK;
    } finally {
      workFolder.close(dir);
    }
  }

  /**
   * A roundtrip.yml with its own warehouse, the archive as source "bench", no retries (a failure is
   * a result) and no SQL project (the shipped one reads source demo).
   */
  private static Path config(Path dir, String name, Path archive) throws java.io.IOException {
    Path file = dir.resolve(name + ".yml");
    Files.writeString(file, "warehouse:\n  path: " + dir.resolve(name + "-warehouse") + "\n"
        + "sources:\n  bench:\n    input: " + archive + "\n"
        + "sql:\n  project: " + dir.resolve("no-sql-project") + "\n"
        + "pipeline:\n  retries: 0\n");
    return file;
  }
}
