package io.roundtrip.warehouse.jdbc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL's COPY in CSV (into a table destination's stage, or its target while it is empty): the
 * fastest way in, by far. (The warehouse's own staging uses binary COPY, {@link BinaryCopy}, from Spark's rows.)
 */
final class CsvCopyLoader implements StageLoader {

  private final TableSql dialect;

  CsvCopyLoader(TableSql dialect) {
    this.dialect = dialect;
  }

  /** Bytes handed to the server at a time. */
  private static final int BUFFER = 1 << 16;

  @Override
  public Sink open(Connection connection, String table, List<String> columns) throws SQLException {
    String copy = "COPY " + table + " (" + columns.stream().map(dialect::quote).collect(Collectors.joining(", "))
        + ") FROM STDIN WITH (FORMAT csv)";
    // streamed: the rows are encoded while the server parses what came before
    PGCopyOutputStream stream = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copy, BUFFER);
    Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
    return new Sink() {
      @Override
      public void write(Object[] values) throws SQLException {
        try {
          CsvText.write(out, values);
        } catch (IOException e) {
          throw failed(table, e);
        }
      }

      @Override
      public void finish() throws SQLException {
        try {
          out.flush();
          stream.endCopy();
        } catch (IOException e) {
          throw failed(table, e);
        }
      }

      @Override
      public void cancel(Exception failure) {
        if (stream.isActive()) {
          try {
            stream.cancelCopy();
          } catch (SQLException e) {
            failure.addSuppressed(e);
          }
        }
      }
    };
  }

  private static SQLException failed(String table, IOException e) {
    if (e.getCause() instanceof SQLException sql) {
      return sql; // keeps its SQLSTATE, which says whether to retry
    }
    return new SQLException("COPY into " + table + " failed: " + e.getMessage(), "08006", e);
  }
}
