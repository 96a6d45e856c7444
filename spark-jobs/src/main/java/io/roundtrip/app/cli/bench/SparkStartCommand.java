package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.runtime.RoundtripContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Starts the SparkSession every command would start, and stops: what {@code bench fixed-costs}
 * measures every command against. Hidden: it does nothing a user needs.
 */
@Command(name = "spark-start", hidden = true, mixinStandardHelpOptions = true, description = "Starts and stops the SparkSession, nothing else.")
public final class SparkStartCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions configOptions;

  @Override
  public Integer call() {
    try (RoundtripContext context = configOptions.context()) {
      context.spark();
    }
    return ExitCodes.OK;
  }
}
