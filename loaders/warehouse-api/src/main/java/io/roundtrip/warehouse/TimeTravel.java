package io.roundtrip.warehouse;

import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A warehouse whose tables have versions that can be read again (Delta's time travel). */
public interface TimeTravel {

  /** The table's current version, or empty when it does not exist. */
  OptionalLong version(TableId table);

  /** The table's rows as of a version: for readers that must see the same rows twice. */
  Dataset<Row> read(TableId table, long version);
}
