package io.roundtrip.app.cli.pipeline;

import io.roundtrip.app.config.PipelineConfig;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.orchestration.airflow.AirflowVersion;
import io.roundtrip.orchestration.airflow.DagSettings;
import io.roundtrip.orchestration.airflow.TaskOperator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "dag", mixinStandardHelpOptions = true,
    description = "Airflow DAG files from the job graph.", subcommands = GenerateDagCommand.class)
public final class DagCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: generate");
  }

  /**
   * Where and how the DAG's tasks run.
   *
   * @param commonArgs what every task's command ends with (its --config)
   */
  record Target(AirflowVersion airflow, TaskOperator operator, String jar, String roundtrip, String connId,
      List<String> commonArgs) {

    static Target defaults() {
      return new Target(AirflowVersion.AIRFLOW_3, TaskOperator.SPARK_SUBMIT, "/opt/roundtrip/roundtrip-cluster.jar",
          "roundtrip", "spark_default", List.of());
    }
  }

  /** The DAG settings of a config: its schedule and pipeline section, for the target. */
  static DagSettings settings(RoundtripConfig config, Target target) {
    PipelineConfig pipeline = config.pipeline();
    return new DagSettings(pipeline.dagId(), config.schedule(), pipeline.startDate(), pipeline.catchup(),
        pipeline.maxActiveRuns(), pipeline.retry(), pipeline.timeoutDuration(), pipeline.pool(), pipeline.tags(),
        target.airflow(), target.operator(), target.jar(), "io.roundtrip.app.cli.RoundtripCommand", target.connId(),
        // the launcher's collector, which measured faster than G1 in every benchmark here
        Map.of("spark.driver.extraJavaOptions", "-XX:+UseParallelGC",
            "spark.executor.extraJavaOptions", "-XX:+UseParallelGC"),
        target.roundtrip(), target.commonArgs());
  }
}
