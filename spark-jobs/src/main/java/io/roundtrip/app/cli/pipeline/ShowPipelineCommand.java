package io.roundtrip.app.cli.pipeline;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.pipeline.PipelineGraph;
import io.roundtrip.orchestration.airflow.DagGenerator;
import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.GraphFormats;
import io.roundtrip.orchestration.graph.JobGraph;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Prints the job graph: stages, each job with what it runs after and its command.",
        "--format dot for Graphviz, json for programs (tasks with stage, DAG and upstream; edges). Starts no Spark."})
public final class ShowPipelineCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, dot or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--date", paramLabel = "DAY", description = "Show the commands for this day (default: START and END).")
  LocalDate date;

  @Override
  public Integer call() {
    RoundtripConfig config = configOptions.load();
    JobGraph graph = PipelineGraph.of(config, configOptions.env());
    DataInterval interval = date == null ? new DataInterval("START", "END") : DataInterval.day(date);
    String out = switch (format) {
      case "text" -> GraphFormats.text(graph, interval);
      case "dot" -> GraphFormats.dot(graph);
      case "json" -> GraphFormats.json(graph, interval,
          new DagGenerator(DagCommand.settings(config, DagCommand.Target.defaults())).dagOf(graph));
      default -> throw new IllegalArgumentException("Unknown format \"" + format + "\": use text, dot or json");
    };
    spec.commandLine().getOut().print(out);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
