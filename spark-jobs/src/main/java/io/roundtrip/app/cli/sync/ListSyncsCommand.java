package io.roundtrip.app.cli.sync;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.config.SyncConfig;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the configured syncs: model, mode, destination, schedule and the syncs each runs after "
        + "(reads only the config).")
public final class ListSyncsCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    RoundtripConfig config = configOptions.load();
    if (config.syncs().isEmpty()) {
      out.println("No syncs configured (add a syncs: section to roundtrip.yml).");
      return;
    }
    for (SyncConfig sync : config.syncs()) {
      String model = sync.model() == null ? "?" : sync.model().replaceAll("\\s+", " ").trim();
      out.printf("%-24s %-7s -> %-19s %s%s  model: %s%n", sync.name(), sync.syncMode().name().toLowerCase(Locale.ROOT),
          sync.destination().describe(), sync.schedule() == null ? "(manual)" : "schedule " + sync.schedule(),
          sync.after().isEmpty() ? "" : ", after " + String.join(", ", sync.after()),
          model.length() > 80 ? model.substring(0, 77) + "..." : model);
    }
  }
}
