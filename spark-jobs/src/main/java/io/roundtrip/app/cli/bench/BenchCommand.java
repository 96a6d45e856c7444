package io.roundtrip.app.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Benchmarks, each printing its figures and, last, {@code ratio=<roundtrip/baseline>}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures Roundtrip against a baseline run in the same process.",
    subcommands = {BenchLoadCommand.class, BenchTablesCommand.class, BenchModelsCommand.class,
        BenchSyncCommand.class, BenchSqlCommand.class, BenchFixedCostsCommand.class, BenchLayoutCommand.class,
        BenchPipelineCommand.class, BenchIdentityCommand.class,
        SparkStartCommand.class})
public final class BenchCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing benchmark: load, tables, models, sync, sql, fixed-costs, layout, pipeline or identity");
  }
}
