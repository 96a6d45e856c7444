package io.roundtrip.warehouse.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Batched, parameterised INSERTs (Snowflake, or any JDBC database), the column names quoted by its dialect. */
final class BatchInsertLoader implements StageLoader {

  /** Rows per executed JDBC batch. */
  private static final int ROWS = 10_000;

  private final TableSql dialect;

  BatchInsertLoader(TableSql dialect) {
    this.dialect = dialect;
  }

  @Override
  public Sink open(Connection connection, String table, List<String> columns) throws SQLException {
    String sql = "INSERT INTO " + table + " (" + columns.stream().map(dialect::quote)
        .collect(Collectors.joining(", ")) + ") VALUES (" + columns.stream().map(c -> "?")
        .collect(Collectors.joining(", ")) + ")";
    PreparedStatement insert = connection.prepareStatement(sql);
    return new Sink() {
      private int pending;

      @Override
      public void write(Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
          Object value = values[i];
          insert.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant)
              : value instanceof java.util.Map<?, ?> || value instanceof List<?> ? CsvText.json(value) : value);
        }
        insert.addBatch();
        if (++pending == ROWS) {
          insert.executeBatch();
          pending = 0;
        }
      }

      @Override
      public void finish() throws SQLException {
        try {
          insert.executeBatch();
        } finally {
          insert.close();
        }
      }

      @Override
      public void cancel(Exception failure) {
        try {
          insert.close();
        } catch (SQLException e) {
          failure.addSuppressed(e);
        }
      }
    };
  }
}
