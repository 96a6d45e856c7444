package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.SyncRecord;
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

/** PostgreSQL's COPY (into the staging table, or the target while it is empty): the fastest way in, by far. */
final class PostgresCopyLoader implements StageLoader {

  /** Bytes handed to the server at a time. */
  private static final int BUFFER = 1 << 16;

  @Override
  public void load(Connection connection, String table, List<String> columns, List<SyncRecord> records)
      throws SQLException {
    String copy = "COPY " + table + " (" + columns.stream().map(TableSql::quote).collect(Collectors.joining(", "))
        + ") FROM STDIN WITH (FORMAT csv)";
    // streamed: the rows are encoded while the server parses what came before
    PGCopyOutputStream stream = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copy, BUFFER);
    try {
      Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
      CsvRows.write(out, columns, records);
      out.flush();
      stream.endCopy();
    } catch (IOException e) {
      cancel(stream, e);
      if (e.getCause() instanceof SQLException sql) {
        throw sql; // keeps its SQLSTATE, which says whether to retry
      }
      throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), "08006", e);
    } catch (SQLException | RuntimeException e) {
      cancel(stream, e);
      throw e;
    }
  }

  /** Ends a COPY that failed half-way, so none of its rows stay in the transaction. */
  private static void cancel(PGCopyOutputStream stream, Exception failure) {
    if (stream.isActive()) {
      try {
        stream.cancelCopy();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
