package io.roundtrip.warehouse;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A warehouse whose tables can keep a feed of their row changes (Delta's change data feed). */
public interface ChangeFeed {

  /**
   * The rows changed after version {@code after} up to {@code upTo}, with the change type
   * ({@code _change_type}: insert, update_preimage, update_postimage, delete) and
   * {@code _commit_version}; empty when the table does not keep a change feed for all of them.
   */
  Optional<Dataset<Row>> changes(TableId table, long after, long upTo);
}
