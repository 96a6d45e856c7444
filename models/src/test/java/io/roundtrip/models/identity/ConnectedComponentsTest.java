package io.roundtrip.models.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.warehouse.delta.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

  private final SparkSession spark = SharedSpark.session();

  /** 300 nodes: a 40-long chain, random small clusters, isolated nodes; ids not in order of the chain. */
  private static List<long[]> edges(Random random) {
    List<long[]> edges = new ArrayList<>();
    for (long i = 0; i < 39; i++) {
      edges.add(new long[] {1000 - i * 7, 1000 - (i + 1) * 7});
    }
    for (int i = 0; i < 80; i++) {
      long a = 2000 + random.nextInt(150);
      edges.add(new long[] {a, 2000 + random.nextInt(150)});
    }
    return edges;
  }

  private Dataset<Row> nodes() {
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 40; i++) {
      rows.add(RowFactory.create(1000 - i * 7));
    }
    for (long i = 2000; i < 2260; i++) {
      rows.add(RowFactory.create(i));
    }
    return spark.createDataFrame(rows, new StructType().add("id", DataTypes.LongType));
  }

  private Dataset<Row> edgeFrame(List<long[]> edges) {
    List<Row> rows = new ArrayList<>();
    for (long[] e : edges) {
      rows.add(RowFactory.create(e[0], e[1]));
    }
    return spark.createDataFrame(rows, new StructType().add("src", DataTypes.LongType).add("dst", DataTypes.LongType));
  }

  /** id -> smallest id reachable, by repeated relaxation over the plain list. */
  private static Map<Long, Long> expected(List<Row> nodes, List<long[]> edges) {
    Map<Long, Long> label = new TreeMap<>();
    for (Row node : nodes) {
      label.put(node.getLong(0), node.getLong(0));
    }
    for (boolean changed = true; changed; ) {
      changed = false;
      for (long[] e : edges) {
        long low = Math.min(label.get(e[0]), label.get(e[1]));
        if (label.get(e[0]) != low || label.get(e[1]) != low) {
          label.put(e[0], low);
          label.put(e[1], low);
          changed = true;
        }
      }
    }
    return label;
  }

  private static Map<Long, Long> labels(Dataset<Row> components) {
    Map<Long, Long> labels = new TreeMap<>();
    for (Row row : components.collectAsList()) {
      labels.put(row.getLong(0), row.getLong(1));
    }
    return labels;
  }

  @Test
  void onTheDriverAndByPropagationEveryNodeGetsTheSmallestIdOfItsComponent() {
    List<long[]> edges = edges(new Random(7));
    Dataset<Row> nodes = nodes();
    Map<Long, Long> expected = expected(nodes.collectAsList(), edges);

    Map<Long, Long> driver = labels(ConnectedComponents.of(nodes, edgeFrame(edges), Long.MAX_VALUE / 4));
    Map<Long, Long> propagated = labels(ConnectedComponents.of(nodes, edgeFrame(edges), 0));

    assertThat(driver).isEqualTo(expected);
    assertThat(propagated).isEqualTo(expected);
    // the chain is one component named by its smallest id, 1000 - 39 * 7
    assertThat(driver.get(1000L)).isEqualTo(727L);
    assertThat(expected.values().stream().distinct().count()).isGreaterThan(100);
  }
}
