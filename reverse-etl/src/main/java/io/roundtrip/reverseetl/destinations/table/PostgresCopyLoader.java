package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.SyncRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** PostgreSQL's COPY into the staging table: the fastest way in, by far. */
final class PostgresCopyLoader implements StageLoader {

  @Override
  public void load(Connection connection, String table, List<String> columns, List<SyncRecord> records)
      throws SQLException {
    StringWriter csv = new StringWriter(records.size() * 64);
    try {
      CsvRows.write(csv, columns, records);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try {
      copy.copyIn("COPY " + table + " (" + columns.stream().map(TableSql::quote)
          .collect(Collectors.joining(", ")) + ") FROM STDIN WITH (FORMAT csv)", new java.io.StringReader(csv.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), "08006", e);
    }
  }
}
