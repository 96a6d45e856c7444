package io.roundtrip.app.cli.sql;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.models.sql.runs.SqlRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Runs the data tests of the selected nodes (generic tests from the YAML, singular tests under test-paths).",
        "Prints a line per node, then a summary; every node's result goes to _roundtrip.sql_runs. Exit code 1 when "
            + "a node failed (an error, or an error-level test with failing rows)."})
public final class SqlTestCommand implements Callable<Integer> {

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
    return SqlExecution.run(SqlRunner.Command.TEST, configOptions, project, run, spec.commandLine().getOut());
  }
}
