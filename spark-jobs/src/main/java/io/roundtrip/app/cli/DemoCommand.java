package io.roundtrip.app.cli;

import io.roundtrip.app.output.ConsoleProgress;
import io.roundtrip.app.output.LoadReport;
import io.roundtrip.app.output.Tables;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generates a sample archive, loads it as source 'demo', prints the tables with their row "
        + "counts and runs two example queries. Running it again reuses the archive and loads nothing twice."})
public final class DemoCommand implements Callable<Integer> {

  static final String SOURCE = "demo";

  static final String TOP_EVENTS = """
      SELECT event_text AS event, count(*) AS events, count(DISTINCT coalesce(user_id, anonymous_id)) AS people
      FROM demo.tracks GROUP BY event_text ORDER BY events DESC LIMIT 10""";

  static final String TOP_CUSTOMERS = """
      SELECT u.email, u.plan, count(*) AS orders, round(sum(o.revenue), 2) AS revenue
      FROM demo.order_completed o JOIN demo.users u ON o.user_id = u.id
      GROUP BY u.email, u.plan ORDER BY revenue DESC LIMIT 5""";

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "roundtrip-demo",
      description = "Where the sample archive goes (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--events", paramLabel = "N", defaultValue = "20000",
      description = "Events in the sample archive (default: ${DEFAULT-VALUE}).")
  long events;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path archive = dir.resolve("archive");
    if (Files.isDirectory(archive.resolve("segment-logs"))) {
      err.println("Using the sample archive in " + archive);
    } else {
      var summary = new SampleArchiveGenerator(new SampleOptions(events, SampleOptions.defaults(events).users(), 14,
          42, 0.01, 0.001, java.time.LocalDate.of(2026, 1, 1), "demo-web", 0)).generate(archive);
      err.printf("Generated %,d events (+%,d duplicates, +%,d malformed lines) in %s%n", summary.events(),
          summary.duplicates(), summary.badLines(), archive);
    }
    err.flush();
    try (RoundtripContext context = configOptions.context()) {
      LoadRunner runner = new LoadRunner(context);
      var loaded = runner.run(runner.request(SOURCE, archive.toString(), null), new ConsoleProgress(err));
      LoadReport.print(loaded, false, out);

      Warehouse warehouse = context.warehouse();
      warehouse.ability(SqlCatalog.class).ifPresent(SqlCatalog::registerTables);
      out.println();
      out.println("Tables in the warehouse (" + context.config().warehouse().path() + "):");
      List<Row> counts = new ArrayList<>();
      for (String namespace : List.of(SOURCE, "_roundtrip")) {
        for (TableId table : warehouse.tables(namespace)) {
          counts.add(RowFactory.create(table.toString(), warehouse.read(table).count()));
        }
      }
      Tables.print(new StructType().add("table", DataTypes.StringType).add("rows", DataTypes.LongType), counts,
          Tables.Format.TABLE, out);
      query(context, "Top events", TOP_EVENTS, out);
      query(context, "Top customers by revenue (an event table joined with users)", TOP_CUSTOMERS, out);
      out.println();
      out.println("Try your own: ./roundtrip query \"SELECT * FROM demo.pages LIMIT 5\"");
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static void query(RoundtripContext context, String title, String sql, PrintWriter out) {
    out.println();
    out.println(title + ":");
    out.println(sql.strip());
    Dataset<Row> result = context.spark().sql(sql);
    Tables.print(result.schema(), result.collectAsList(), Tables.Format.TABLE, out);
  }
}
