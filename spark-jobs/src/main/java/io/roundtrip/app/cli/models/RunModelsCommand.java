package io.roundtrip.app.cli.models;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.runtime.ModelRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Builds models on a source's tables and writes them to <source>_models (models.schema).",
        "all runs identity, ltv, funnels and attribution in that order; identity recomputes only the people "
            + "new events touch."})
public final class RunModelsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", defaultValue = "all",
      description = "identity, ltv, funnels, attribution or all (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--source", required = true, paramLabel = "NAME", description = "The source whose tables to model.")
  String source;

  @Option(names = "--full-refresh", description = "Build each model whole even when its inputs did not change; "
      + "identity from every event, not from what it stored (as after a change of its settings).")
  boolean fullRefresh;

  @Override
  public Integer call() {
    var models = ModelRunner.Model.parse(model);
    PrintWriter out = spec.commandLine().getOut();
    try (RoundtripContext context = configOptions.context()) {
      new ModelRunner(context).run(source, models, fullRefresh, line -> {
        out.println(line);
        out.flush();
      });
    }
    return ExitCodes.OK;
  }
}
