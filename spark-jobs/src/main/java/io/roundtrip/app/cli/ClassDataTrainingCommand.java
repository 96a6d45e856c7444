package io.roundtrip.app.cli;

import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.warehouse.SqlCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * What the launcher runs once after a build, with {@code -XX:ArchiveClassesAtExit}, to make the
 * class-data archive later commands start from: a small load and two queries in a temporary
 * folder touch the classes that nearly every command loads (Spark, Delta, the loader, the catalog).
 * Loading them from the archive instead of thousands of jar entries roughly halves the CPU a JVM
 * spends before its first Spark job. Hidden: a user never needs it.
 */
@Command(name = "class-data-training", hidden = true, mixinStandardHelpOptions = true,
    description = "Exercises the common paths once, for the launcher's class-data archive.")
public final class ClassDataTrainingCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("roundtrip-cds");
    try {
      new SampleArchiveGenerator(SampleOptions.defaults(200)).generate(dir.resolve("archive"));
      var config = RoundtripConfig.defaults()
          .withWarehouse(new RoundtripConfig.WarehouseConfig(null, dir.resolve("warehouse").toString()));
      try (RoundtripContext context = new RoundtripContext(config)) {
        LoadRunner runner = new LoadRunner(context);
        runner.run(runner.request("training", dir.resolve("archive").toString(), null), LoadProgress.SILENT);
        context.warehouse().ability(SqlCatalog.class).ifPresent(SqlCatalog::registerTables);
        context.spark().sql("SELECT 1").collectAsList();
        context.spark().sql("SELECT event, count(*) FROM training.tracks GROUP BY event").collectAsList();
      }
      return ExitCodes.OK;
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
