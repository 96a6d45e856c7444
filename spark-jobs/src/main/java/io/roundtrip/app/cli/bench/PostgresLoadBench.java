package io.roundtrip.app.cli.bench;

import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.output.ConsoleProgress;
import io.roundtrip.app.runtime.LoadRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.loaders.archive.Archive;
import io.roundtrip.loaders.archive.ArchiveFile;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadSummary;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code bench load --warehouse-type postgres}: on an embedded PostgreSQL started here, the
 * Roundtrip load of the archive (parse, dedup, stage, commit) against a baseline of the same rows,
 * already flattened: each loaded table's rows written out as CSV (not timed) and COPYed into an
 * empty table of the same columns, one table after the other. Both in this process, after a
 * warm-up load of one file. Prints rows/s of both and, last, {@code ratio=<roundtrip / copy>}.
 */
final class PostgresLoadBench {

  private static final String SOURCE = "bench";

  private PostgresLoadBench() {}

  static void run(RoundtripConfig base, Path archive, Path dir, long events, PrintWriter out, PrintWriter err)
      throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      RoundtripConfig config = base.withWarehouse(new RoundtripConfig.WarehouseConfig("postgres",
          dir.resolve("state").toString(), url, "postgres", null, null, null, null));
      double loadSeconds;
      LoadSummary summary;
      try (RoundtripContext context = new RoundtripContext(config)) {
        LoadRunner runner = new LoadRunner(context);
        List<ArchiveFile> files = Archive.list(archive.toString(), context.spark().sparkContext().hadoopConfiguration());
        err.println("warming up on one file");
        err.flush();
        runner.run(runner.request("warmup", files.get(0).path(), null), LoadProgress.SILENT);

        err.println("roundtrip: load into postgres");
        err.flush();
        long t0 = System.nanoTime();
        summary = runner.run(runner.request(SOURCE, archive.toString(), null), new ConsoleProgress(err));
        loadSeconds = (System.nanoTime() - t0) / 1e9;
      }
      Map<String, Path> csv = dumpTables(url, dir.resolve("baseline-csv"));
      err.println("baseline: COPY of the same rows from CSV into empty tables");
      err.flush();
      double copySeconds = copy(url, csv);
      long rows = summary.rowsByTable().values().stream().mapToLong(Long::longValue).sum();
      long copied = count(url, "baseline", csv.keySet());
      out.printf("postgres: embedded, %d tables, %,d rows from %,d events%n", csv.size(), rows, events);
      out.printf("roundtrip load: %7.1f s %,10.0f rows/s%n", loadSeconds, rows / loadSeconds);
      out.printf("baseline COPY:  %7.1f s %,10.0f rows/s (%,d rows)%n", copySeconds, copied / copySeconds, copied);
      if (copied != count(url, SOURCE, csv.keySet())) {
        out.println("WRONG: the baseline copied another number of rows than the load's tables hold");
      }
      out.printf("ratio=%.2f%n", (rows / loadSeconds) / (copied / copySeconds));
      out.flush();
    }
  }

  /** Each table of the loaded source as one CSV file (not timed). */
  private static Map<String, Path> dumpTables(String url, Path folder) throws Exception {
    Files.createDirectories(folder);
    Map<String, Path> files = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (String table : tables(c, SOURCE)) {
        Path file = folder.resolve(table + ".csv");
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          copy.copyOut("COPY " + SOURCE + ".\"" + table + "\" TO STDOUT WITH (FORMAT csv)", writer);
        }
        files.put(table, file);
      }
    }
    return files;
  }

  /** Empty tables of the same columns (no indexes), then one COPY per table from its CSV; seconds of the COPYs. */
  private static double copy(String url, Map<String, Path> csv) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA baseline");
      for (String table : csv.keySet()) {
        s.execute("CREATE TABLE baseline.\"" + table + "\" (LIKE " + SOURCE + ".\"" + table + "\")");
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long t0 = System.nanoTime();
      for (Map.Entry<String, Path> table : csv.entrySet()) {
        try (BufferedReader in = Files.newBufferedReader(table.getValue(), StandardCharsets.UTF_8)) {
          copy.copyIn("COPY baseline.\"" + table.getKey() + "\" FROM STDIN WITH (FORMAT csv)", in);
        }
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static List<String> tables(Connection c, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (var query = c.prepareStatement("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
        + " AND table_type = 'BASE TABLE'")) {
      query.setString(1, schema);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  private static long count(String url, String schema, Iterable<String> tables) throws SQLException {
    long total = 0;
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".\"" + table + "\"")) {
          rs.next();
          total += rs.getLong(1);
        }
      }
    }
    return total;
  }
}
