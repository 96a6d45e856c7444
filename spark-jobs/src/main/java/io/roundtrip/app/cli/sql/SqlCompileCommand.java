package io.roundtrip.app.cli.sql;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.app.runtime.SqlModelRunner;
import io.roundtrip.models.sql.runs.Compiled;
import io.roundtrip.models.sql.runs.LoadedProject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "compile", mixinStandardHelpOptions = true,
    description = {"Prints the rendered SQL of the selected models and tests, as a run would send it (ephemeral "
        + "models inlined; is_incremental() as the warehouse is now). Runs nothing."})
public final class SqlCompileCommand implements Callable<Integer> {

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
    PrintWriter out = spec.commandLine().getOut();
    RoundtripConfig config = configOptions.load();
    LoadedProject loaded = project.load(config, configOptions.env());
    try (RoundtripContext context = new RoundtripContext(config)) {
      for (Compiled compiled : new SqlModelRunner(context).compile(loaded, run.options(project, config))) {
        out.println("-- " + compiled.node().type().label() + " " + compiled.node().name() + " ("
            + compiled.node().file() + ")");
        out.println(compiled.sql());
        out.println();
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
