package io.roundtrip.warehouse;

import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Writes one table's rows of one task into a staged file. Rows are in Spark's internal form, so a
 * loader can hand over values (UTF-8 bytes, microseconds) without converting them.
 */
public interface StagedWriter {

  void write(InternalRow row);

  /** Closes the file and describes it for {@link StagedAppends#commit}. */
  StagedFile finish();

  /** Closes and deletes the file (the task failed). */
  void abort();
}
