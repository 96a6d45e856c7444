package io.roundtrip.models.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of a graph held in Spark, by min-label propagation: every node starts
 * with its own id as label and takes the smallest label among its neighbours until nothing
 * changes (as many rounds as the longest shortest path). Each round's labels are checkpointed,
 * so the plan stays one round deep however many rounds it takes; nothing is collected to the
 * driver but the number of labels that changed.
 */
public final class ConnectedComponents {

  /** A safety stop far above any identity graph's diameter; reaching it is an error, not a result. */
  static final int MAX_ROUNDS = 200;

  private ConnectedComponents() {}

  /**
   * @param nodes a column {@code id} (long)
   * @param edges columns {@code src}, {@code dst} (long), undirected
   * @return {@code id}, {@code component}: the smallest node id of the node's component
   */
  public static Dataset<Row> of(Dataset<Row> nodes, Dataset<Row> edges) {
    Dataset<Row> both = edges.select(col("src"), col("dst"))
        .union(edges.select(col("dst").as("src"), col("src").as("dst")))
        .where(col("src").notEqual(col("dst")))
        .distinct();
    both = Checkpoints.cut(both);
    Dataset<Row> labels = Checkpoints.cut(nodes.select(col("id"), col("id").as("component")));
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      Dataset<Row> offered = both.join(labels, both.col("src").equalTo(labels.col("id")))
          .select(both.col("dst").as("id"), labels.col("component").as("offer"))
          .groupBy("id").agg(min("offer").as("offer"));
      Dataset<Row> next = labels.join(offered, "id", "left")
          .select(col("id"), least(col("component"), org.apache.spark.sql.functions.coalesce(col("offer"),
              col("component"))).as("component"), col("component").as("previous"));
      next = Checkpoints.cut(next);
      long changed = next.where(col("component").notEqual(col("previous"))).count();
      labels = next.select("id", "component");
      if (changed == 0) {
        return labels;
      }
    }
    throw new IllegalStateException("Connected components did not settle in " + MAX_ROUNDS
        + " rounds; the identity graph has an implausibly long chain");
  }
}
