package io.roundtrip.app.cli.pipeline;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.pipeline.LocalPipeline;
import io.roundtrip.app.pipeline.PipelineGraph;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.JobGraph;
import io.roundtrip.orchestration.runner.PipelineRunner;
import io.roundtrip.orchestration.runner.RunReport;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the job graph for a day, or for each day from --start to --end (inclusive, in order): "
        + "independent tasks at once in one JVM and one Spark session, each task the same CLI command an Airflow "
        + "task runs, retried with exponential backoff, stopped at its timeout; a failed task skips what runs "
        + "after it. Every run and task goes to _roundtrip.pipeline_runs.",
        "Progress to stderr, the table of task states and times to stdout. Exit code 0 when every task "
        + "succeeded, 1 otherwise, 3 when the graph cannot run (a cycle, an input no job writes)."})
public final class RunPipelineCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--date", paramLabel = "DAY", description = "The day to run (the data interval DAY to DAY+1).")
  LocalDate date;

  @Option(names = "--start", paramLabel = "DAY", description = "With --end: the first day of a backfill.")
  LocalDate start;

  @Option(names = "--end", paramLabel = "DAY", description = "With --start: the last day of a backfill (inclusive).")
  LocalDate end;

  @Option(names = "--select", paramLabel = "TASKS", split = ",",
      description = "Run only these tasks (comma-separated; NAME+ adds everything after NAME).")
  List<String> select;

  @Option(names = "--resume", description = "Leave out the tasks the last run of each day finished; run the rest.")
  boolean resume;

  @Override
  public Integer call() {
    List<DataInterval> days = days();
    var config = configOptions.load();
    JobGraph graph = PipelineGraph.of(config, configOptions.env());
    if (select != null && !select.isEmpty()) {
      graph = graph.select(select);
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    try (RoundtripContext context = new RoundtripContext(config)) {
      PipelineRunner runner = LocalPipeline.runner(context, configOptions.env(), configOptions.arguments(), err);
      err.println("pipeline: " + graph.jobs().size() + " tasks in " + graph.stages().size() + " stages, "
          + days.size() + (days.size() == 1 ? " day" : " days") + (resume ? ", resuming" : ""));
      err.flush();
      List<RunReport> reports = runner.runDays(graph, days, resume);
      for (RunReport report : reports) {
        out.println("run " + report.run().runId() + " for " + report.run().interval().start() + ": "
            + (report.succeeded() ? "succeeded" : "failed"));
        out.print(report.table());
      }
      if (reports.size() < days.size()) {
        out.println("not run: " + (days.size() - reports.size()) + " later days (they build on the failed one); "
            + "fix it and run again with --resume");
      }
      out.flush();
      return reports.size() == days.size() && reports.stream().allMatch(RunReport::succeeded) ? ExitCodes.OK
          : ExitCodes.FAILURE;
    }
  }

  private List<DataInterval> days() {
    if (date != null && (start != null || end != null)) {
      throw new IllegalArgumentException("Give --date DAY, or --start DAY --end DAY, not both");
    }
    if (date != null) {
      return List.of(DataInterval.day(date));
    }
    if (start == null || end == null) {
      throw new IllegalArgumentException("Give --date DAY, or --start DAY --end DAY (a backfill, one run per day)");
    }
    return DataInterval.days(start, end);
  }
}
