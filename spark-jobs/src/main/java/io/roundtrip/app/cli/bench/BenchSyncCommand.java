package io.roundtrip.app.cli.bench;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.DestinationConfig;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.config.SyncConfig;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.app.runtime.SyncRunner;
import io.roundtrip.reverseetl.report.SyncReport;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Builds an N-row customer model (a Delta table with its change feed on), syncs it (upsert) to a "
        + "PostgreSQL table, updates 1%% of the rows and syncs again, then COPYs the same rows into an empty "
        + "table of the same shape as a baseline; all in one process against an embedded PostgreSQL. "
        + "Prints rows/s of the first sync, the seconds of both syncs and of the COPY, and last "
        + "ratio=<first sync rows/s / COPY rows/s>."})
public final class BenchSyncCommand implements Callable<Integer> {

  static final TableId MODEL = new TableId("bench_models", "customers");
  static final String SYNC = "bench_customers";
  /** A small sync run first (in full, then incrementally), so the measured ones do not pay for loading and compiling the code. */
  static final TableId WARMUP_MODEL = new TableId("bench_models", "warmup");
  static final String WARMUP = "bench_warmup";
  /** One row in this many changes between the two syncs. */
  static final int CHANGED_EVERY = 100;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
      description = "Rows in the model (default: ${DEFAULT-VALUE}).")
  long rows;

  @Mixin
  WorkFolder workFolder;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workFolder.open("sync");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      RoundtripConfig config = benchConfig(configOptions.load(), dir, url);
      try (RoundtripContext context = new RoundtripContext(config)) {
        SparkSession spark = context.spark();
        context.warehouse().write(MODEL, model(spark, rows), WriteMode.overwrite());
        context.warehouse().write(WARMUP_MODEL, model(spark, Math.min(rows, 100_000)), WriteMode.overwrite());
        String table = deltaTable(dir, MODEL);
        String warmupTable = deltaTable(dir, WARMUP_MODEL);
        for (String t : List.of(table, warmupTable)) {
          spark.sql("ALTER TABLE " + t + " SET TBLPROPERTIES (delta.enableChangeDataFeed = true)");
        }
        err.printf("model: %,d rows in %s%n", rows, MODEL);
        err.flush();
        SyncRunner runner = new SyncRunner(context, configOptions.env());
        // both kinds of run once, so the measured ones do not pay for loading and compiling code
        runner.run(WARMUP, false, false, line -> log(err, "warm-up: " + line));
        spark.sql(changeOnePercent(warmupTable));
        runner.run(WARMUP, false, false, line -> log(err, "warm-up: " + line));

        long t0 = System.nanoTime();
        SyncReport first = runner.run(SYNC, false, false, line -> log(err, line));
        double firstSeconds = (System.nanoTime() - t0) / 1e9;

        spark.sql(changeOnePercent(table));
        long t1 = System.nanoTime();
        SyncReport second = runner.run(SYNC, false, false, line -> log(err, line));
        double secondSeconds = (System.nanoTime() - t1) / 1e9;

        Path csv = csv(context.warehouse().read(MODEL), dir.resolve("baseline-csv"));
        double copySeconds = copy(url, csv);

        long expectedChanges = (rows + CHANGED_EVERY - 1 - 7 % CHANGED_EVERY) / CHANGED_EVERY;
        long tableRows = count(url, "public.customers");
        double syncRate = rows / firstSeconds;
        double copyRate = rows / copySeconds;
        out.printf("input: %,d rows (7 columns), batch %,d, %d cores, embedded PostgreSQL%n", rows,
            DestinationConfig.TABLE_BATCH_SIZE, Runtime.getRuntime().availableProcessors());
        out.printf("first sync:  %7.1f s  %,10.0f rows/s  sent %,d, acknowledged %,d%n", firstSeconds, syncRate,
            first.sent(), first.acknowledged());
        out.printf("second sync: %7.1f s  sent %,d of %,d changed (1%%)  = %.0f%% of the first sync's time%n",
            secondSeconds, second.sent(), expectedChanges, 100 * secondSeconds / firstSeconds);
        out.printf("baseline COPY: %5.1f s  %,10.0f rows/s%n", copySeconds, copyRate);
        out.printf("table rows: %,d%n", tableRows);
        boolean correct = first.acknowledged() == rows && second.sent() == expectedChanges && tableRows == rows;
        if (!correct) {
          out.println("WRONG: the syncs did not send exactly the model's rows and then exactly the changed ones");
        }
        out.printf("ratio=%.2f%n", syncRate / copyRate);
        out.flush();
        return correct ? ExitCodes.OK : ExitCodes.FAILURE;
      }
    } finally {
      workFolder.close(dir);
    }
  }

  private static String deltaTable(Path dir, TableId id) {
    return "delta.`" + dir.resolve("warehouse").resolve(id.namespace()).resolve(id.name()) + "`";
  }

  private static String changeOnePercent(String table) {
    return "UPDATE " + table + " SET clv = clv + 1 WHERE CAST(substr(user_id, 6) AS BIGINT) % " + CHANGED_EVERY + " = 7";
  }

  private static void log(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }

  /** Customers with seven columns, typed as the LTV model's output is (text, bigint, double). */
  static Dataset<Row> model(SparkSession spark, long rows) {
    return spark.range(rows).selectExpr(
        "format_string('user-%09d', id) AS user_id",
        "format_string('user%d@example.com', id) AS email",
        "element_at(array('Ada', 'Bo', 'Cy', 'Di', 'Ed'), cast(id % 5 + 1 AS int)) AS first_name",
        "format_string('Lastname%d', id % 1000) AS last_name",
        "element_at(array('free', 'pro', 'team'), cast(id % 3 + 1 AS int)) AS plan",
        "cast(id % 97 AS bigint) AS orders",
        // a double, as in ltv_customers (a bare round(...) here would make a 23-digit decimal)
        "CAST(round(id % 1000 * 1.25, 2) AS DOUBLE) AS clv");
  }

  static RoundtripConfig benchConfig(RoundtripConfig base, Path dir, String url) {
    Map<String, Object> mapping = new LinkedHashMap<>();
    for (String column : List.of("user_id", "email", "first_name", "last_name", "plan", "orders", "clv")) {
      mapping.put(column, column);
    }
    return new RoundtripConfig(new RoundtripConfig.WarehouseConfig(null, dir.resolve("warehouse").toString()),
        base.spark(), base.load(), base.sources(), base.models(), List.of(
            sync(WARMUP, WARMUP_MODEL, "public.warmup", url, mapping), sync(SYNC, MODEL, "public.customers", url, mapping)));
  }

  private static SyncConfig sync(String name, TableId model, String table, String url, Map<String, Object> mapping) {
    return new SyncConfig(name, model.toString(), List.of("user_id"), "upsert",
        new DestinationConfig.Postgres(url, "postgres", null, table, null, true), mapping, null, null, null, null,
        null, null, null);
  }

  /** The model as one CSV file, as the baseline's input (not timed). */
  private static Path csv(Dataset<Row> model, Path folder) throws Exception {
    model.coalesce(1).write().mode("overwrite").option("header", "false").csv(folder.toString());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
    }
  }

  /** COPY into an empty table shaped like the synced one (same types and primary key); seconds. */
  private static double copy(String url, Path csv) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE public.customers_copy (LIKE public.customers INCLUDING ALL)");
      long t0 = System.nanoTime();
      try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY public.customers_copy (user_id, email, first_name, "
            + "last_name, plan, orders, clv) FROM STDIN WITH (FORMAT csv)", in);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (count(url, "public.customers_copy") == 0) {
        throw new IllegalStateException("the baseline COPY loaded no rows");
      }
      return seconds;
    }
  }

  private static long count(String url, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
