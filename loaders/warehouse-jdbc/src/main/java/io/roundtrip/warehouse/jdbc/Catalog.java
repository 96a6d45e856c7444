package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** What the database's catalog says: the columns of a table, the tables of a schema, the schemas. */
final class Catalog {

  /** A column as stored, and the Spark type the warehouse reads it as. */
  record Column(String name, DataType type, boolean readAsText) {}

  private final SqlDialect dialect;
  private final Set<String> knownSchemas = ConcurrentHashMap.newKeySet();

  Catalog(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** The table's columns in order, or empty when it does not exist. */
  Optional<List<Column>> columns(Connection connection, TableId table) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(dialect.columnsQuery())) {
      query.setString(1, dialect.stored(table.namespace()));
      query.setString(2, dialect.stored(table.name()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Optional<DataType> type = dialect.sparkType(rows.getString(2), rows.getInt(3), rows.getInt(4));
          columns.add(new Column(dialect.warehouseName(rows.getString(1)), type.orElse(DataTypes.StringType),
              type.isEmpty()));
        }
      }
    }
    return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
  }

  static StructType schema(List<Column> columns) {
    StructType schema = new StructType();
    for (Column column : columns) {
      schema = schema.add(new StructField(column.name(), column.type(), true, org.apache.spark.sql.types.Metadata.empty()));
    }
    return schema;
  }

  List<TableId> tables(Connection connection, String namespace) throws SQLException {
    List<TableId> tables = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(dialect.tablesQuery())) {
      query.setString(1, dialect.stored(namespace));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(new TableId(namespace, dialect.warehouseName(rows.getString(1))));
        }
      }
    }
    // in Java's order, not the database's collation: the same on every backend
    tables.sort((a, b) -> a.name().compareTo(b.name()));
    return tables;
  }

  List<String> namespaces(Connection connection) throws SQLException {
    List<String> namespaces = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(dialect.schemasQuery())) {
      while (rows.next()) {
        namespaces.add(dialect.warehouseName(rows.getString(1)));
      }
    }
    namespaces.sort(null);
    return namespaces;
  }

  List<String> stagingTables(Connection connection) throws SQLException {
    List<String> stages = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(dialect.stagesQuery())) {
      while (rows.next()) {
        stages.add(dialect.warehouseName(rows.getString(1)));
      }
    }
    return stages;
  }

  /**
   * Creates a schema unless this warehouse saw it before. Run on a connection of its own (in
   * autocommit): two loads creating one schema at once make one of them fail with a duplicate
   * error, which inside a transaction would abort it; here the loser just finds it there.
   */
  void ensureSchema(Connection connection, String namespace) throws SQLException {
    if (knownSchemas.contains(namespace)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(dialect.createSchema(namespace));
    } catch (SQLException e) {
      if (!isDuplicate(e)) {
        throw e;
      }
    }
    knownSchemas.add(namespace);
  }

  /** A duplicate-object error: another session created the same thing first. */
  static boolean isDuplicate(SQLException e) {
    String state = e.getSQLState();
    return "23505".equals(state) || "42P06".equals(state) || "42P07".equals(state) || "42710".equals(state);
  }
}
