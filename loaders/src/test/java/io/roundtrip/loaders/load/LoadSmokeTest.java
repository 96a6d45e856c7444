package io.roundtrip.loaders.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.naming.Dialect;
import io.roundtrip.loaders.naming.NameRules;
import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.loaders.testing.SharedSpark;
import io.roundtrip.loaders.warehouse.TableId;
import io.roundtrip.loaders.warehouse.Warehouse;
import io.roundtrip.loaders.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadSmokeTest {
  static LoadProgress timing() {
    return new LoadProgress() {
      long t0 = System.nanoTime();
      public void phase(String name) { System.out.println((System.nanoTime()-t0)/1000000 + " ms: " + name); }
      public void parsed(long a, long b, long c) {}
    };
  }
  @TempDir Path tmp;

  @Test
  void loadsTrackIntoTracksAndEventTable() {
    SparkSession spark = SharedSpark.session();
    Archives.write(tmp.resolve("in"), "day1/a.gz", List.of(
        "{\"type\":\"track\",\"event\":\"Order Completed\",\"messageId\":\"m1\",\"userId\":\"u1\",\"receivedAt\":\"2026-01-01T10:00:00Z\",\"properties\":{\"revenue\":10.5,\"products\":[{\"id\":1}]},\"context\":{\"ip\":\"1.2.3.4\"}}",
        "{\"type\":\"identify\",\"messageId\":\"m2\",\"userId\":\"u1\",\"receivedAt\":\"2026-01-01T10:00:01Z\",\"traits\":{\"email\":\"a@b.c\",\"address\":{\"city\":\"Paris\"}}}",
        "not json"));
    Warehouse warehouse = Warehouses.delta(spark, tmp.resolve("wh").toString());
    LoadJob job = new LoadJob(spark, warehouse, new NameRules(Dialect.DELTA));
    long p0 = System.nanoTime(); LoadPlan plan = job.plan(LoadRequest.of("web", tmp.resolve("in").toString())); System.out.println("plan ms " + (System.nanoTime()-p0)/1000000);
    LoadSummary summary = job.run(plan, new LoadProgress() {
      long t0 = System.nanoTime();
      public void phase(String name) { System.out.println((System.nanoTime()-t0)/1000000 + " ms: " + name); }
      public void parsed(long a, long b, long c) {}
    });
    System.out.println(summary);
    long t1 = System.nanoTime();
    LoadSummary again = job.run(job.plan(LoadRequest.of("web", tmp.resolve("in").toString())), timing());
    System.out.println("rerun ms " + (System.nanoTime()-t1)/1000000 + " " + again);
    Archives.write(tmp.resolve("in"), "day2/b.gz", List.of(
        "{\"type\":\"track\",\"event\":\"Order Completed\",\"messageId\":\"m1\",\"userId\":\"u1\",\"receivedAt\":\"2026-01-01T10:00:00Z\",\"properties\":{\"revenue\":10.5,\"coupon\":\"X\"}}",
        "{\"type\":\"identify\",\"messageId\":\"m3\",\"userId\":\"u1\",\"receivedAt\":\"2026-01-02T10:00:01Z\",\"traits\":{\"plan\":\"pro\"}}"));
    long t2 = System.nanoTime();
    LoadSummary third = job.run(job.plan(LoadRequest.of("web", tmp.resolve("in").toString())), timing());
    System.out.println("incremental ms " + (System.nanoTime()-t2)/1000000 + " " + third);
    warehouse.read(new TableId("web", "order_completed")).show(false);
    warehouse.read(new TableId("web", "users")).show(false);
    assertThat(summary.rowsByTable()).containsEntry("tracks", 1L).containsEntry("order_completed", 1L);
  }
}
