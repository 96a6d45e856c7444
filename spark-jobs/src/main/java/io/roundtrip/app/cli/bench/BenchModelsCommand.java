package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.ModelsConfig;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.output.ConsoleProgress;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.ModelRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.loaders.samples.SampleSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"Generates N events, loads them, then builds every model (identity, lifetime value, the campaign "
        + "funnel, attribution with the sample's referral links) in the same process. Prints the load time, the "
        + "model time and last ratio=<models/load>."})
public final class BenchModelsCommand implements Callable<Integer> {

  /** The channels of the sample archive's referral tracking ids. */
  static final List<String> CHANNELS = List.of("whatsapp", "email", "facebook", "twitter");

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
      description = "Events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Mixin
  WorkFolder workFolder;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("models");
    try (RoundtripContext context = new RoundtripContext(withSampleReferrals(configOptions.load(), dir))) {
      SampleSummary generated = new SampleArchiveGenerator(SampleOptions.defaults(events)).generate(dir.resolve("archive"));
      err.printf("generated %,d events (+%,d duplicates, +%,d malformed lines)%n", generated.events(),
          generated.duplicates(), generated.badLines());
      err.flush();

      LoadRunner loads = new LoadRunner(context);
      long t0 = System.nanoTime();
      LoadSummary loaded = loads.run(loads.request("bench", dir.resolve("archive").toString(), null),
          new ConsoleProgress(err));
      double loadSeconds = (System.nanoTime() - t0) / 1e9;

      long t1 = System.nanoTime();
      new ModelRunner(context).run("bench", EnumSet.allOf(ModelRunner.Model.class), line -> {
        err.println(line);
        err.flush();
      });
      double modelSeconds = (System.nanoTime() - t1) / 1e9;

      out.printf("input: %,d events, %,d new rows loaded, %d cores%n", events, loaded.newEvents(),
          Runtime.getRuntime().availableProcessors());
      out.printf("load:   %7.1f s%n", loadSeconds);
      out.printf("models: %7.1f s (identity, ltv, funnels, attribution)%n", modelSeconds);
      out.printf("ratio=%.2f%n", modelSeconds / loadSeconds);
      out.flush();
      return ExitCodes.OK;
    } finally {
      workFolder.close(dir);
    }
  }

  /** The configuration with the warehouse in the work folder and the sample's referral links. */
  static RoundtripConfig withSampleReferrals(RoundtripConfig config, Path dir) {
    Map<String, String> channels = new LinkedHashMap<>();
    for (int i = 0; i < SampleArchiveGenerator.REFERRAL_TRACKING_IDS.size(); i++) {
      channels.put(SampleArchiveGenerator.REFERRAL_TRACKING_IDS.get(i), CHANNELS.get(i % CHANNELS.size()));
    }
    ModelsConfig models = config.models();
    ModelsConfig.AttributionConfig attribution = new ModelsConfig.AttributionConfig(models.attribution().purchaseEvent(),
        models.attribution().valueColumns(), models.attribution().lookback(),
        new ModelsConfig.ReferralConfig(SampleArchiveGenerator.REFERRAL_DOMAIN, channels, null));
    return new RoundtripConfig(new RoundtripConfig.WarehouseConfig(null, dir.resolve("warehouse").toString()),
        config.spark(), config.load(), config.sources(),
        new ModelsConfig(models.schema(), models.identity(), models.ltv(), models.funnels(), attribution),
        config.syncs());
  }
}
