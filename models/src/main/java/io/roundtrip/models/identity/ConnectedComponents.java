package io.roundtrip.models.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Connected components of a graph held in Spark, each labelled by its smallest node id.
 *
 * <p>A graph whose edges fit in the driver's memory is solved there by union-find: one job to
 * collect the edges, where propagation takes one job per round of the longest shortest path. A
 * bigger one is solved by min-label propagation in Spark: every node starts with its own id as
 * label and takes the smallest label among its neighbours until nothing changes. Each round's
 * labels are checkpointed, so the plan stays one round deep however many rounds it takes; nothing
 * is collected to the driver but the number of labels that changed.
 */
public final class ConnectedComponents {

  /** A safety stop far above any identity graph's diameter; reaching it is an error, not a result. */
  static final int MAX_ROUNDS = 200;

  /** Edges solved on the driver at most: two longs each, tens of megabytes. */
  static final long DRIVER_EDGES = 2_000_000;

  private static final StructType LABELS = new StructType()
      .add("id", DataTypes.LongType).add("component", DataTypes.LongType);

  private ConnectedComponents() {}

  /**
   * @param nodes a column {@code id} (long)
   * @param edges columns {@code src}, {@code dst} (long), undirected
   * @return {@code id}, {@code component}: the smallest node id of the node's component
   */
  public static Dataset<Row> of(Dataset<Row> nodes, Dataset<Row> edges) {
    return of(nodes, edges, DRIVER_EDGES);
  }

  static Dataset<Row> of(Dataset<Row> nodes, Dataset<Row> edges, long driverEdges) {
    Dataset<Row> both = Checkpoints.cut(edges.select(col("src"), col("dst"))
        .union(edges.select(col("dst").as("src"), col("src").as("dst")))
        .where(col("src").notEqual(col("dst")))
        .distinct());
    // both directions of each edge: twice the edges
    if (both.count() <= 2 * driverEdges) {
      return onDriver(nodes, both);
    }
    return propagated(nodes, both);
  }

  /** Union-find over the collected edges; nodes without an edge are their own component. */
  private static Dataset<Row> onDriver(Dataset<Row> nodes, Dataset<Row> both) {
    Map<Long, Long> parent = new HashMap<>();
    for (Row edge : both.where(col("src").lt(col("dst"))).collectAsList()) {
      long a = root(parent, edge.getLong(0));
      long b = root(parent, edge.getLong(1));
      if (a != b) {
        // the smaller id stays the root: the root is the component's label
        parent.put(Math.max(a, b), Math.min(a, b));
      }
    }
    List<Row> labels = new ArrayList<>(parent.size());
    for (Long id : new ArrayList<>(parent.keySet())) {
      labels.add(RowFactory.create(id, root(parent, id)));
    }
    Dataset<Row> joined = nodes.sparkSession().createDataFrame(labels, LABELS);
    return nodes.select("id").join(joined, nodes.col("id").equalTo(joined.col("id")), "left")
        .select(nodes.col("id"), coalesce(joined.col("component"), nodes.col("id")).as("component"));
  }

  private static long root(Map<Long, Long> parent, long id) {
    long root = id;
    for (Long up; (up = parent.get(root)) != null && up != root; ) {
      root = up;
    }
    // path compression: the next lookup of any node on the way is one step
    for (long at = id; at != root; ) {
      long up = parent.get(at);
      parent.put(at, root);
      at = up;
    }
    parent.putIfAbsent(root, root);
    return root;
  }

  private static Dataset<Row> propagated(Dataset<Row> nodes, Dataset<Row> both) {
    Dataset<Row> labels = Checkpoints.cut(nodes.select(col("id"), col("id").as("component")));
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      Dataset<Row> offered = both.join(labels, both.col("src").equalTo(labels.col("id")))
          .select(both.col("dst").as("id"), labels.col("component").as("offer"))
          .groupBy("id").agg(min("offer").as("offer"));
      Dataset<Row> next = labels.join(offered, "id", "left")
          .select(col("id"), least(col("component"), coalesce(col("offer"), col("component"))).as("component"),
              col("component").as("previous"));
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
