package io.roundtrip.app.cli.sql;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.models.sql.runs.LoadedProject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = {"Prints the selected nodes in run order: resource type, name, materialization and the relation "
        + "each writes (a test: what it tests). Reads the project only: does not start Spark."})
public final class SqlListCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Mixin
  ProjectOptions project;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RoundtripConfig config = configOptions.load();
    LoadedProject loaded = project.load(config, configOptions.env());
    print(loaded.list(project.select(), project.exclude()), out);
    loaded.project().warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    spec.commandLine().getErr().flush();
    return ExitCodes.OK;
  }

  static void print(List<LoadedProject.Listed> nodes, PrintWriter out) {
    int name = "name".length();
    int materialized = "materialized".length();
    for (LoadedProject.Listed node : nodes) {
      name = Math.max(name, node.name().length());
      materialized = Math.max(materialized, node.materialized().length());
    }
    String format = "%-5s %-" + name + "s %-" + materialized + "s %s%n";
    out.printf(format, "type", "name", "materialized", "relation");
    for (LoadedProject.Listed node : nodes) {
      out.printf(format, node.resourceType(), node.name(), node.materialized(), node.relation());
    }
    out.flush();
  }
}
