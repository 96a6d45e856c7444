package io.roundtrip.app.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user would write instead of Roundtrip: the DuckDB script of {@code duckdb-load.sql} (read
 * the archive, extract fields, dedup on messageId, one Parquet folder per event type), run in this
 * process through DuckDB's JDBC driver on a fresh in-memory database.
 */
final class DuckDbBaseline {

  private DuckDbBaseline() {}

  /** Runs the script on the archive; returns the seconds it took, connecting included. */
  static double run(Path archive, Path out) throws IOException, SQLException {
    List<String> statements = statements(archive, out);
    long started = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  static List<String> statements(Path archive, Path out) throws IOException {
    String script;
    try (InputStream in = DuckDbBaseline.class.getResourceAsStream("duckdb-load.sql")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    script = script.replace("{archive}", archive.toString()).replace("{out}", out.toString());
    StringBuilder current = new StringBuilder();
    List<String> statements = new ArrayList<>();
    for (String line : script.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        statements.add(current.toString().strip());
        current.setLength(0);
      }
    }
    return statements;
  }
}
