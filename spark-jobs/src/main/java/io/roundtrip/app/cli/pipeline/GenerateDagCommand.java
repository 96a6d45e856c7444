package io.roundtrip.app.cli.pipeline;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.pipeline.PipelineGraph;
import io.roundtrip.orchestration.airflow.AirflowVersion;
import io.roundtrip.orchestration.airflow.DagGenerator;
import io.roundtrip.orchestration.airflow.TaskOperator;
import io.roundtrip.orchestration.graph.JobGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Writes Airflow DAG files for the job graph into DIR: one DAG for the pipeline (schedule: "
        + "and pipeline: of roundtrip.yml, a data-interval timetable, a task group per stage) and one per sync "
        + "with a schedule of its own. Same graph and options, same bytes. Starts no Spark."})
public final class GenerateDagCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the .py files to.")
  Path out;

  @Option(names = "--airflow", paramLabel = "3|2", defaultValue = "3",
      description = "Airflow major version: 3 (airflow.sdk) or 2 (default: ${DEFAULT-VALUE}).")
  String airflow;

  @Option(names = "--operator", paramLabel = "OPERATOR", defaultValue = "spark-submit",
      description = "spark-submit (SparkSubmitOperator, the cluster jar) or bash (BashOperator, the roundtrip CLI) "
          + "(default: ${DEFAULT-VALUE}).")
  String operator;

  @Option(names = "--jar", paramLabel = "PATH", defaultValue = "/opt/roundtrip/roundtrip-cluster.jar",
      description = "spark-submit: the application jar where Airflow's workers see it (default: ${DEFAULT-VALUE}).")
  String jar;

  @Option(names = "--conn-id", paramLabel = "ID", defaultValue = "spark_default",
      description = "spark-submit: the Airflow connection of the Spark master (default: ${DEFAULT-VALUE}).")
  String connId;

  @Option(names = "--roundtrip", paramLabel = "PATH", defaultValue = "roundtrip",
      description = "bash: the roundtrip launcher on the workers (default: ${DEFAULT-VALUE}).")
  String roundtrip;

  @Option(names = "--task-config", paramLabel = "FILE",
      description = "The roundtrip.yml path every task passes as --config (default: --config's absolute path, if given).")
  String taskConfig;

  @Override
  public Integer call() {
    RoundtripConfig config = configOptions.load();
    JobGraph graph = PipelineGraph.of(config, configOptions.env());
    List<String> common = new ArrayList<>();
    if (taskConfig != null) {
      common.addAll(List.of("--config", taskConfig));
    } else {
      List<String> given = configOptions.arguments();
      int at = given.indexOf("--config");
      if (at >= 0) {
        common.addAll(given.subList(at, at + 2));
      }
    }
    DagCommand.Target target = new DagCommand.Target(AirflowVersion.parse(airflow), TaskOperator.parse(operator), jar,
        roundtrip, connId, common);
    Map<String, String> files = new DagGenerator(DagCommand.settings(config, target)).generate(graph);
    try {
      Files.createDirectories(out);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(out.resolve(file.getKey()), file.getValue());
        spec.commandLine().getOut().println(out.resolve(file.getKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the DAG files to " + out, e);
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
