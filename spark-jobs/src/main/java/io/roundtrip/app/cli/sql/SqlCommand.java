package io.roundtrip.app.cli.sql;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Analyst SQL models: dbt-compatible projects (sql/ by default). */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Builds and tests analyst SQL models: a dbt-compatible project (sql/ by default, or --project) "
        + "with ref/source, view/table/incremental/ephemeral materializations, seeds and data tests."},
    subcommands = {SqlSeedCommand.class, SqlRunCommand.class, SqlTestCommand.class, SqlBuildCommand.class,
        SqlCompileCommand.class, SqlListCommand.class})
public final class SqlCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: seed, run, test, build, compile or list");
  }
}
