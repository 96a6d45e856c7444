package io.roundtrip.warehouse.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, reads as of a version and the change feed: what lets a sync read only changed rows. */
class DeltaWarehouseVersionsTest {

  @TempDir
  Path tmp;

  private final SparkSession spark = SharedSpark.session();
  private final TableId table = new TableId("shop", "customers");

  private DeltaWarehouse warehouse() {
    return (DeltaWarehouse) DeltaWarehouses.at(spark, tmp.resolve("warehouse").toString());
  }

  private void write(DeltaWarehouse warehouse, String values) {
    warehouse.write(table, spark.sql("SELECT id, CAST(clv AS DOUBLE) AS clv FROM VALUES " + values + " AS t(id, clv)"),
        WriteMode.overwrite());
  }

  @Test
  void versionsCountCommitsAndOldVersionsStayReadable() {
    DeltaWarehouse warehouse = warehouse();
    assertThat(warehouse.version(table)).isEmpty();
    write(warehouse, "('a', 1.0)");
    write(warehouse, "('a', 2.0), ('b', 3.0)");
    assertThat(warehouse.version(table)).hasValue(1);
    assertThat(warehouse.read(table, 0).count()).isEqualTo(1);
    assertThat(warehouse.read(table, 1).count()).isEqualTo(2);
  }

  @Test
  void withAChangeFeedOnlyTheChangedRowsAreReturned() {
    DeltaWarehouse warehouse = warehouse();
    write(warehouse, "('a', 1.0), ('b', 2.0), ('c', 3.0)");
    spark.sql("ALTER TABLE delta.`" + warehouse.location(table) + "` SET TBLPROPERTIES (delta.enableChangeDataFeed = true)");
    spark.sql("UPDATE delta.`" + warehouse.location(table) + "` SET clv = 20.0 WHERE id = 'b'");
    spark.sql("DELETE FROM delta.`" + warehouse.location(table) + "` WHERE id = 'c'");
    long now = warehouse.version(table).orElseThrow();

    List<Row> changes = warehouse.changes(table, 1, now).orElseThrow()
        .selectExpr("id", "_change_type").orderBy("id", "_change_type").collectAsList();

    assertThat(changes).extracting(r -> r.getString(0) + ":" + r.getString(1))
        .containsExactly("b:update_postimage", "b:update_preimage", "c:delete");
  }

  @Test
  void withoutAChangeFeedThereAreNoChangesToRead() {
    DeltaWarehouse warehouse = warehouse();
    write(warehouse, "('a', 1.0)");
    write(warehouse, "('a', 2.0)");
    assertThat(warehouse.changes(table, 0, 1)).isEmpty();
    assertThat(warehouse.changes(table, 1, 1)).isEmpty();
  }
}
