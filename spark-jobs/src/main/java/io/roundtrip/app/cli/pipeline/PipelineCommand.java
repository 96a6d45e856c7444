package io.roundtrip.app.cli.pipeline;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "The job graph of roundtrip.yml: loads, models, SQL stages and syncs, run in dependency order.",
    subcommands = {RunPipelineCommand.class, ShowPipelineCommand.class})
public final class PipelineCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: run or show");
  }
}
