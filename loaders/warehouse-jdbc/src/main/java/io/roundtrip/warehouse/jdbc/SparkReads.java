package io.roundtrip.warehouse.jdbc;

import static org.apache.spark.sql.functions.col;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads through Spark's JDBC source. The SELECT is ours: every column is aliased to a plain
 * position name ({@code c0}, {@code c1}, ...) and renamed in Spark, because Spark quotes the column
 * names of the queries it builds without escaping quotes inside them. Spark still pushes filters
 * and column pruning down to the database through the renames (the loader's dedup reads only ids
 * within its window).
 */
final class SparkReads {

  /** Rows a fetch brings at a time; PostgreSQL's driver otherwise reads a whole result into memory. */
  static final String FETCH_SIZE = "10000";

  private final SparkSession spark;
  private final Connector connector;
  private final SqlDialect dialect;

  SparkReads(SparkSession spark, Connector connector) {
    this.spark = spark;
    this.connector = connector;
    this.dialect = connector.dialect();
  }

  /**
   * The rows of {@code from} (a table or a parenthesised, aliased subquery), with the columns
   * named and typed as the warehouse knows them.
   */
  Dataset<Row> read(String from, List<Catalog.Column> columns) {
    List<String> select = new ArrayList<>();
    List<Column> typed = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Catalog.Column column = columns.get(i);
      String value = column.readAsText()
          ? "CAST(" + dialect.quote(column.name()) + " AS " + dialect.typeName(org.apache.spark.sql.types.DataTypes.StringType) + ")"
          : dialect.quote(column.name());
      select.add(value + " AS \"" + position(i) + "\""); // quoted: Snowflake would fold it to upper case
      typed.add(col(position(i)).cast(column.type()).as(column.name()));
    }
    String query = "(SELECT " + String.join(", ", select) + " FROM " + from + ") rt_read";
    return reader().option("dbtable", query).load().select(typed.toArray(Column[]::new));
  }

  /**
   * The rows of a query the database runs as the user wrote it (a trailing semicolon left out,
   * since Spark wraps the query in a subquery). Column names come back in the warehouse's form.
   */
  Dataset<Row> query(String sql) {
    String query = sql.strip();
    while (query.endsWith(";")) {
      query = query.substring(0, query.length() - 1).strip();
    }
    Dataset<Row> rows;
    try {
      rows = reader().option("query", query).load();
    } catch (Exception e) { // Scala rethrows the driver's SQLException undeclared
      Throwable cause = e;
      while (cause != null && !(cause instanceof SQLException)) {
        cause = cause.getCause();
      }
      if (cause != null) {
        throw new IllegalArgumentException(dialect.type() + " refused the query: " + cause.getMessage(), e);
      }
      throw e;
    }
    String[] names = java.util.Arrays.stream(rows.columns()).map(dialect::warehouseName).toArray(String[]::new);
    return rows.toDF(names);
  }

  private DataFrameReader reader() {
    return spark.read().format("jdbc").options(connector.sparkOptions()).option("fetchsize", FETCH_SIZE);
  }

  private static String position(int i) {
    return "c" + i;
  }
}
