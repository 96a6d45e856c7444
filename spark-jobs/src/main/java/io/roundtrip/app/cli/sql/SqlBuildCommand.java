package io.roundtrip.app.cli.sql;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.models.sql.runs.SqlRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "build", mixinStandardHelpOptions = true,
    description = {"Seeds, models and their tests in dependency order, each model's tests right after it; a failing error-level test skips everything downstream.",
        "Prints a line per node, then a summary; every node's result goes to _roundtrip.sql_runs. Exit code 1 when "
            + "a node failed (an error, or an error-level test with failing rows)."})
public final class SqlBuildCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Mixin
  ProjectOptions project;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() {
    return SqlExecution.run(SqlRunner.Command.BUILD, configOptions, project, run, spec.commandLine().getOut());
  }
}
