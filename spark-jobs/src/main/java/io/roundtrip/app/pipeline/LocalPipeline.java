package io.roundtrip.app.pipeline;

import io.roundtrip.app.cli.RoundtripCommand;
import io.roundtrip.app.config.PipelineConfig;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.orchestration.runner.PipelineRunner;
import io.roundtrip.orchestration.runner.PrintedProgress;
import io.roundtrip.orchestration.runner.RunnerSettings;
import io.roundtrip.orchestration.runner.Sleeper;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The local runner as {@code pipeline run} and {@code bench pipeline} use it: in this JVM, on the context's Spark. */
public final class LocalPipeline {

  private LocalPipeline() {}

  /**
   * A runner whose tasks run the CLI in-process against {@code context}'s Spark session (started
   * here, so every task's command finds it and leaves it running) and are recorded in its warehouse.
   *
   * @param env the environment the tasks' commands read references and credentials from
   * @param commonArgs what every task's command ends with (--config, --warehouse, --master as given)
   */
  public static PipelineRunner runner(RoundtripContext context, Map<String, String> env, List<String> commonArgs,
      PrintWriter progress) {
    PipelineConfig pipeline = context.config().pipeline();
    var spark = context.spark();
    return new PipelineRunner(
        new InProcessTasks(() -> RoundtripCommand.commandLine(env), commonArgs, spark.sparkContext(), progress),
        new PipelineRuns(context.warehouse()), Sleeper.REAL, new PrintedProgress(progress),
        new RunnerSettings(pipeline.parallelism(), pipeline.retry(), pipeline.timeoutDuration()), Clock.systemUTC());
  }
}
