package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "fixed-costs", mixinStandardHelpOptions = true,
    description = {"What small work costs: builds a warehouse (a demo-sized source with its models, and a source of "
        + "--event-types track tables), then runs each command below in a fresh process, as a user runs it: "
        + "the Spark session start alone, query \"SELECT 1\", a query on one table of the wide source, a load with "
        + "nothing new, identity with no new events, models run all after one more small file, and --help.",
        "Prints each time beside the Spark start time and, last, ratio=<worst (command time - Spark start) / 3 s> "
            + "over the commands held to Spark start + 3 s."})
public final class BenchFixedCostsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--event-types", paramLabel = "N", defaultValue = "300",
      description = "Tables of the wide source (default: ${DEFAULT-VALUE}).")
  int eventTypes;

  @Option(names = "--events", paramLabel = "N", defaultValue = "20000",
      description = "Events of each source (default: ${DEFAULT-VALUE}).")
  long events;

  @Mixin
  WorkFolder workFolder;

  private record Measured(String command, double seconds, double budget) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("fixed-costs");
    try {
      Path warehouse = dir.resolve("warehouse");
      Path shop = dir.resolve("shop");
      Path wide = dir.resolve("wide");
      new SampleArchiveGenerator(new SampleOptions(events, SampleOptions.defaults(events).users(), 14, 42, 0.01, 0.001,
          LocalDate.of(2026, 1, 1), "shop-web", 0)).generate(shop);
      new SampleArchiveGenerator(SampleOptions.defaults(events).withEventTypes(eventTypes)).generate(wide);
      List<Path> shopDays = days(shop.resolve("segment-logs").resolve("shop-web"));
      Path lastDay = shopDays.get(shopDays.size() - 1);
      Path firstDays = dir.resolve("shop-first-days");
      for (Path day : shopDays.subList(0, shopDays.size() - 1)) {
        copy(day, firstDays.resolve(day.getFileName()));
      }
      err.println("setting up: loads and models (not measured)");
      err.flush();
      run(dir, "load", "--source", "shop", "--input", firstDays.toString(), "--warehouse", warehouse.toString());
      run(dir, "load", "--source", "wide", "--input", wide.toString(), "--warehouse", warehouse.toString());
      run(dir, "models", "run", "all", "--source", "shop", "--warehouse", warehouse.toString());
      HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      receiver.createContext("/", exchange -> {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      receiver.start();
      Path config = dir.resolve("roundtrip.yml");
      Files.writeString(config, """
          syncs:
            - name: customers_webhook
              model: shop_models.ltv_customers
              primary_key: canonical_user_id
              mode: upsert
              destination: {type: webhook, url: "http://127.0.0.1:%d/customers", secret_env: BENCH_WEBHOOK_SECRET}
          """.formatted(receiver.getAddress().getPort()));
      run(dir, "sync", "run", "customers_webhook", "--config", config.toString(), "--warehouse", warehouse.toString());

      List<Measured> measured = new ArrayList<>();
      double start = run(dir, "bench", "spark-start", "--warehouse", warehouse.toString()).seconds();
      measured.add(new Measured("Spark session start alone", start, Double.NaN));
      measured.add(measure(dir, "query \"SELECT 1\"", 1, "query", "--warehouse", warehouse.toString(), "SELECT 1"));
      measured.add(measure(dir, "query on one table of a " + eventTypes + "-table source", 2, "query", "--warehouse",
          warehouse.toString(), "SELECT count(*) FROM wide.custom_event_7"));
      measured.add(measure(dir, "load with nothing new", 3, "load", "--source", "wide", "--input", wide.toString(),
          "--warehouse", warehouse.toString()));
      measured.add(measure(dir, "models run identity, no new events", 3, "models", "run", "identity", "--source",
          "shop", "--warehouse", warehouse.toString()));
      measured.add(measure(dir, "sync run with nothing changed", 3, "sync", "run", "customers_webhook", "--config",
          config.toString(), "--warehouse", warehouse.toString()));
      receiver.stop(0);
      copy(lastDay, dir.resolve("shop-last-day").resolve(lastDay.getFileName()));
      run(dir, "load", "--source", "shop", "--input", dir.resolve("shop-last-day").toString(), "--warehouse",
          warehouse.toString());
      measured.add(measure(dir, "models run all after one more day", Double.NaN, "models", "run", "all", "--source",
          "shop", "--warehouse", warehouse.toString()));
      measured.add(measure(dir, "--help", Double.NaN, "--help"));

      out.printf("%-48s %8s %10s %8s%n", "command (fresh process each)", "seconds", "- start", "budget");
      double worst = 0;
      for (Measured m : measured) {
        double over = m.seconds() - start;
        out.printf("%-48s %8.1f %10s %8s%n", m.command(), m.seconds(),
            Double.isNaN(m.budget()) && m.command().startsWith("Spark") ? "" : String.format("%+.1f", over),
            Double.isNaN(m.budget()) ? "" : String.format("+%.0f s", m.budget()));
        if (!Double.isNaN(m.budget())) {
          worst = Math.max(worst, over / 3.0);
        }
      }
      out.printf("ratio=%.2f%n", worst);
      out.flush();
      return ExitCodes.OK;
    } finally {
      workFolder.close(dir);
    }
  }

  private Measured measure(Path dir, String what, double budget, String... args) throws Exception {
    return new Measured(what, run(dir, args).seconds(), budget);
  }

  private FreshProcess.Result run(Path dir, String... args) throws Exception {
    FreshProcess.Result result = FreshProcess.run(dir, List.of(args), Map.of("BENCH_WEBHOOK_SECRET", "bench-only"));
    if (result.exitCode() != 0) {
      throw new IllegalStateException("roundtrip " + String.join(" ", args) + " exited " + result.exitCode() + ":\n"
          + result.stderr());
    }
    return result;
  }

  private static List<Path> days(Path source) throws Exception {
    try (Stream<Path> listed = Files.list(source)) {
      return listed.sorted().toList();
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}
