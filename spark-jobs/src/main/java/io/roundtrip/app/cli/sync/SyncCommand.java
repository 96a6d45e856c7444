package io.roundtrip.app.cli.sync;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Reverse ETL: keeps destinations in step with model rows. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Sends model rows to tools and tables (the syncs: section of roundtrip.yml).",
    subcommands = {RunSyncCommand.class, ListSyncsCommand.class, SyncStatusCommand.class})
public final class SyncCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: run, list or status");
  }
}
