package io.roundtrip.warehouse;

import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A warehouse that reads only the part of a table whose timestamp column lies in a range, skipping
 * the files (or blocks) that hold none of it: what keeps a load's dedup window and the models'
 * incremental reads from reading whole tables that only grow. Event tables are laid out by
 * {@code received_at} (each load's files hold its own days), so a window touches few files.
 */
public interface RangeReads {

  /**
   * The rows with {@code from <= column < until}; {@code from} or {@code until} may be null for an
   * open end. The same rows as {@code read(table)} filtered, read from fewer files.
   */
  Dataset<Row> read(TableId table, String column, Instant from, Instant until);
}
