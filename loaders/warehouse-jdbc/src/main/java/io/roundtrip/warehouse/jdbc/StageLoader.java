package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.jdbc.TableSql;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Puts rows into a table: a table destination's stage, or its target itself when it started
 * empty. Each database's {@link TableSql#stageLoader}: CSV COPY on PostgreSQL, batched inserts on
 * Snowflake. Serializable: the writers of a staged sync use it where the rows are (Spark's executors).
 */
public interface StageLoader extends Serializable {

  /**
   * Starts loading rows with these columns into {@code table} (quoted and qualified); the caller
   * commits after {@link Sink#finish}.
   */
  Sink open(Connection connection, String table, List<String> columns) throws SQLException;

  /** Rows on their way in. */
  interface Sink {
    /** One row: the values of the columns the load was opened with, in their order. */
    void write(Object[] values) throws SQLException;

    /** Ends the load; the rows are in the caller's transaction. */
    void finish() throws SQLException;

    /** Ends a load that failed half-way, so none of its rows stay; problems are added to {@code failure}. */
    void cancel(Exception failure);
  }
}
