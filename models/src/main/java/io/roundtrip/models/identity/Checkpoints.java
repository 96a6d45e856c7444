package io.roundtrip.models.identity;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Lineage cuts and join keys the identity phases share. */
final class Checkpoints {

  private Checkpoints() {}

  /**
   * Materialises the rows and cuts their lineage: reliably when the context has a checkpoint folder,
   * else in executor storage. Needed where the tables a result comes from are rewritten by the same
   * run, and to keep iterative plans one step deep.
   */
  static Dataset<Row> cut(Dataset<Row> data) {
    boolean reliable = data.sparkSession().sparkContext().getCheckpointDir().isDefined();
    return reliable ? data.checkpoint(true) : data.localCheckpoint(true);
  }

  static scala.collection.immutable.Seq<String> seq(List<String> names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(names).toSeq();
  }
}
