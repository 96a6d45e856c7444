package io.roundtrip.app.cli.sql;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.models.sql.runs.SqlRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Builds the selected models in dependency order (independent ones in parallel).",
        "Prints a line per node, then a summary; every node's result goes to _roundtrip.sql_runs. Exit code 1 when "
            + "a node failed (an error, or an error-level test with failing rows)."})
public final class SqlRunCommand implements Callable<Integer> {

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
    return SqlExecution.run(SqlRunner.Command.RUN, configOptions, project, run, spec.commandLine().getOut());
  }
}
