package io.roundtrip.app.cli;

import io.roundtrip.app.cli.bench.BenchCommand;
import io.roundtrip.app.cli.models.ModelsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: lists the subcommands; with none, prints usage. */
@Command(name = "roundtrip", mixinStandardHelpOptions = true, version = "roundtrip 0.1.0",
    description = "Loads raw Segment-spec events into warehouse tables, models them, and syncs model rows back out.",
    subcommands = {
        GenerateEventsCommand.class,
        LoadCommand.class,
        QueryCommand.class,
        ModelsCommand.class,
        DemoCommand.class,
        BenchCommand.class,
        HelpCommand.class
    })
public final class RoundtripCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** The command line as {@code main} runs it: error handler and exit codes included. */
  public static CommandLine commandLine() {
    return new CommandLine(new RoundtripCommand())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setExitCodeExceptionMapper(new ExitCodes());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
