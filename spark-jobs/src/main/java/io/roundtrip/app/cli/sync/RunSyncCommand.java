package io.roundtrip.app.cli.sync;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.app.runtime.SyncRunner;
import io.roundtrip.reverseetl.report.SyncReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Sends what changed in the sync's model since the last run.",
        "Exit code 1 when some records failed (they are retried on the next run) or were rejected."})
public final class RunSyncCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The sync, as named in roundtrip.yml.")
  String name;

  @Option(names = "--dry-run", description = "Print the plan (counts per operation and sample records); send nothing.")
  boolean dryRun;

  @Option(names = "--full-resync",
      description = "Send every row again, not only the changed ones (after the destination lost data).")
  boolean fullResync;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (RoundtripContext context = configOptions.context()) {
      SyncReport report = new SyncRunner(context, configOptions.env()).run(name, dryRun, fullResync, line -> {
        out.println(line);
        out.flush();
      });
      return report == null || report.failed() + report.rejected() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
