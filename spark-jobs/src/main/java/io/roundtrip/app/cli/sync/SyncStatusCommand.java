package io.roundtrip.app.cli.sync;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.app.runtime.SyncRunner;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows a sync's state and its last runs (from _roundtrip.sync_runs); errors are in _roundtrip.sync_errors.")
public final class SyncStatusCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The sync, as named in roundtrip.yml.")
  String name;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Runs to show (default: ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    try (RoundtripContext context = configOptions.context()) {
      new SyncRunner(context, configOptions.env()).status(name, runs).forEach(out::println);
    }
  }
}
