package io.roundtrip.warehouse.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.spark.TaskContext;

/**
 * The one connection a task's staged writers share: a task may stage rows for hundreds of tables,
 * and a connection per table would exhaust the server's connections and pay a login per table.
 * Opened on first use and closed when the task completes. Outside a task (staging from the driver)
 * each writer has its own, closed when it finishes.
 */
final class TaskConnection {

  private final Connector connector;
  private Connection connection;

  TaskConnection(Connector connector) {
    this.connector = connector;
  }

  /** Whether writers share this connection (in a task) or must close what {@link #get} gave them. */
  boolean shared() {
    return TaskContext.get() != null;
  }

  Connection get() throws SQLException {
    if (!shared()) {
      return connector.open();
    }
    if (connection == null || connection.isClosed()) {
      connection = connector.open();
      Connection opened = connection;
      TaskContext.get().addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> {
        try {
          opened.close();
        } catch (SQLException e) {
          // the task is over; the server drops the session when the socket goes
        }
      });
    }
    return connection;
  }

  /** Gives back a connection from {@link #get}: closed when it is not the task's shared one. */
  void release(Connection used) throws SQLException {
    if (!shared()) {
      used.close();
    }
  }
}
