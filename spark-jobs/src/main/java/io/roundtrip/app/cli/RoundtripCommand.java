package io.roundtrip.app.cli;

import io.roundtrip.app.cli.bench.BenchCommand;
import io.roundtrip.app.cli.models.ModelsCommand;
import io.roundtrip.app.cli.pipeline.DagCommand;
import io.roundtrip.app.cli.pipeline.PipelineCommand;
import io.roundtrip.app.cli.sql.SqlCommand;
import io.roundtrip.app.cli.sync.SyncCommand;
import java.util.Map;
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
        SyncCommand.class,
        PipelineCommand.class,
        DagCommand.class,
        ReportCommand.class,
        SqlCommand.class,
        DemoCommand.class,
        BenchCommand.class,
        ClassDataTrainingCommand.class,
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
    return commandLine(System.getenv());
  }

  /** The command line reading configuration references and credentials from {@code env}. */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == ConfigOptions.class ? type.cast(new ConfigOptions(env)) : defaults.create(type);
      }
    };
    return new CommandLine(new RoundtripCommand(), factory)
        .setExecutionExceptionHandler(new ErrorHandler())
        .setExitCodeExceptionMapper(new ExitCodes());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
