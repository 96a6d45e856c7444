package io.roundtrip.warehouse;

import java.io.Serializable;
import org.apache.spark.sql.types.StructType;

/** Shipped to tasks: opens the writer for one table's rows of one task. */
public interface StagedWriters extends Serializable {

  /**
   * @param schema the table's schema after this load's changes; rows follow its column order
   * @param task distinguishes the files of concurrent tasks
   */
  StagedWriter open(TableId table, StructType schema, int task);
}
