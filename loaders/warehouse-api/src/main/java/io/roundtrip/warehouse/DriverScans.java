package io.roundtrip.warehouse;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A warehouse that reads a small table on the driver without a Spark job: what the bookkeeping
 * reads (the load manifest, run histories) need to decide "nothing to do" from metadata alone.
 */
public interface DriverScans {

  /**
   * The table's rows with only these columns, in that order (as {@link Row#get} values: String,
   * Long, Double, Boolean, {@link java.time.Instant}); empty when the table does not exist.
   */
  List<Row> scan(TableId table, List<String> columns);
}
