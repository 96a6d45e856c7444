package io.roundtrip.warehouse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A warehouse that runs SQL itself, in its own dialect (PostgreSQL's, Snowflake's): the query runs
 * where the tables are and Spark only reads its result. For a database this is the right model,
 * rather than naming its tables in Spark SQL ({@link SqlCatalog}) and pulling them out to compute
 * there: users write the SQL they know for that database, and joins and aggregates run next to the
 * data. {@code roundtrip query}, a sync's model query and SQL models use it when the warehouse has it.
 */
public interface NativeSql {

  /** The dialect queries are written in: {@code postgres}, {@code snowflake}. */
  String dialect();

  /**
   * The rows of a query (a SELECT, VALUES or WITH ... SELECT). The database checks it when this is
   * called: a query it refuses (syntax, unknown table or column) fails here with its message, as an
   * {@link IllegalArgumentException}.
   */
  Dataset<Row> query(String sql);
}
