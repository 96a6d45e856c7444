package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.warehouse.jdbc.TableSql;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Puts records into a table: a stage, or the target itself when it started empty. Serializable:
 * the writers of a staged run use it where the rows are (Spark's executors).
 */
public interface StageLoader extends Serializable {

  /**
   * Starts loading rows with these columns into {@code table} (quoted and qualified); the caller
   * commits after {@link Sink#finish}.
   */
  Sink open(Connection connection, String table, List<String> columns) throws SQLException;

  /** Loads a batch in one go. */
  default void load(Connection connection, String table, List<String> columns, List<SyncRecord> records)
      throws SQLException {
    Sink sink = open(connection, table, columns);
    try {
      for (SyncRecord record : records) {
        sink.write(CsvRows.values(columns, record));
      }
      sink.finish();
    } catch (SQLException | RuntimeException e) {
      sink.cancel(e);
      throw e;
    }
  }

  /** Rows on their way in. */
  interface Sink {
    /** One row: the values of the columns the load was opened with, in their order. */
    void write(Object[] values) throws SQLException;

    /** Ends the load; the rows are in the caller's transaction. */
    void finish() throws SQLException;

    /** Ends a load that failed half-way, so none of its rows stay; problems are added to {@code failure}. */
    void cancel(Exception failure);
  }

  /** Portable: batched, parameterised INSERTs (Snowflake, or any JDBC database). */
  StageLoader BATCH_INSERT = new BatchInsert();

  /** The portable loader, as a class: what a staged run ships to its writers must be serializable. */
  final class BatchInsert implements StageLoader {
    /** Rows per executed JDBC batch. */
    private static final int ROWS = 10_000;

    @Override
    public Sink open(Connection connection, String table, List<String> columns) throws SQLException {
      String sql = "INSERT INTO " + table + " (" + columns.stream().map(TableSql::quote)
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
                : value instanceof java.util.Map<?, ?> || value instanceof List<?> ? CsvRows.json(value) : value);
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
}
