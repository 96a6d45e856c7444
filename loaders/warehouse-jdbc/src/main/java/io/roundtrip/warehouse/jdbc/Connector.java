package io.roundtrip.warehouse.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach the database, shipped to tasks so that they can write their own staging tables.
 * The password is read once, on the driver, from the environment variable the configuration names;
 * it travels to tasks inside this object (as Spark's own JDBC source carries it) and is never part
 * of a message: {@link #toString} leaves it out, and errors name the URL and user only.
 */
final class Connector implements Serializable {

  private final SqlDialect dialect;
  private final String url;
  private final String user;
  private final String password;
  /** Further connection properties (Snowflake's db, warehouse, role). */
  private final Map<String, String> properties;

  Connector(SqlDialect dialect, String url, String user, String password, Map<String, String> properties) {
    this.dialect = dialect;
    this.url = url;
    this.user = user;
    this.password = password;
    this.properties = Map.copyOf(properties);
  }

  SqlDialect dialect() {
    return dialect;
  }

  String url() {
    return url;
  }

  Connection open() throws SQLException {
    try {
      Class.forName(dialect.driverClass());
    } catch (ClassNotFoundException e) {
      throw new SQLException("The " + dialect.type() + " JDBC driver (" + dialect.driverClass() + ") is not on the classpath", e);
    }
    Properties props = new Properties();
    props.putAll(properties);
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      // the driver's message names neither the password nor anything derived from it
      throw new SQLException("Cannot connect to " + url + " as " + user + ": " + e.getMessage(), e.getSQLState(), e);
    }
  }

  /** The options Spark's JDBC source needs for the same connection. */
  Map<String, String> sparkOptions() {
    Map<String, String> options = new LinkedHashMap<>(properties);
    options.put("url", url);
    options.put("driver", dialect.driverClass());
    if (user != null) {
      options.put("user", user);
    }
    if (password != null) {
      options.put("password", password);
    }
    return options;
  }

  @Override
  public String toString() {
    return dialect.type() + " " + url + " as " + user;
  }
}
