package io.roundtrip.app.runtime;

import io.roundtrip.app.config.Durations;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.loaders.event.EventFilter;
import io.roundtrip.loaders.load.LoadJob;
import io.roundtrip.loaders.load.LoadPlan;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadRequest;
import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.warehouse.Warehouse;
import java.time.Duration;

/** Runs a load as configured: the one path the load, demo and bench commands share. */
public final class LoadRunner {

  private final RoundtripContext context;

  public LoadRunner(RoundtripContext context) {
    this.context = context;
  }

  /**
   * The request for a source: the input and dedup window given here win over the source's entry in
   * the config, which wins over the {@code load} defaults.
   */
  public LoadRequest request(String source, String input, String dedupWindow) {
    return request(source, input, dedupWindow, null);
  }

  /** @param reloadSince when set, archive days from this one on are read again (see {@link LoadRequest}) */
  public LoadRequest request(String source, String input, String dedupWindow, java.time.LocalDate reloadSince) {
    RoundtripConfig config = context.config();
    RoundtripConfig.SourceConfig configured = config.sources().get(source);
    String resolvedInput = input != null ? input : configured == null ? null : configured.input();
    if (resolvedInput == null) {
      throw new IllegalArgumentException("No input for source " + source
          + ": pass --input, or set sources." + source + ".input in roundtrip.yml");
    }
    String window = dedupWindow != null ? dedupWindow
        : configured != null && configured.dedupWindow() != null ? configured.dedupWindow()
        : config.load().dedupWindow();
    Duration resolvedWindow = Durations.dedupWindow(window);
    RoundtripConfig.SelectiveSync sync = configured == null ? RoundtripConfig.SelectiveSync.ALL : configured.sync();
    EventFilter filter = new EventFilter(sync.includeEvents(), sync.excludeEvents(), sync.excludeProperties());
    return new LoadRequest(source, resolvedInput, resolvedWindow, config.load().parallelWrites(), filter,
        reloadSince);
  }

  public LoadSummary run(LoadRequest request, LoadProgress progress) {
    return run(request, context.warehouse(), progress);
  }

  /**
   * Plans and runs the load. When the source's previous load stopped part-way, that load is
   * resumed first (with its own files), then the input is planned again for what it has that is new;
   * the summary covers both.
   */
  public LoadSummary run(LoadRequest request, Warehouse warehouse, LoadProgress progress) {
    LoadJob job = new LoadJob(context.spark(), warehouse, context.names());
    LoadPlan plan = job.plan(request);
    LoadSummary resumed = null;
    if (plan.resumed()) {
      progress.phase("resume: load " + plan.loadId() + " of " + plan.files().size()
          + " files stopped part-way; completing it first");
      resumed = job.run(plan, progress);
      plan = job.plan(request);
    }
    progress.phase("plan: " + plan.files().size() + " files to load, " + plan.alreadyLoaded().size()
        + " already loaded");
    LoadSummary summary = job.run(plan, progress);
    return resumed == null ? summary : resumed.plus(summary);
  }
}
