package io.roundtrip.app.cli.models;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Identity, lifetime value, funnels and attribution. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Builds identity, lifetime-value, funnel and attribution models on a source's tables.",
    subcommands = {RunModelsCommand.class, LtvCommand.class, FunnelCommand.class})
public final class ModelsCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: run, ltv or funnel");
  }
}
