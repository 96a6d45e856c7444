package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** What models write beyond the loader's five types, as PostgreSQL stores and returns it. */
class PostgresWritesTest {

  private final SparkSession spark = SharedSpark.session();
  private final String url = Postgres.newDatabase();
  private final Warehouse warehouse = Postgres.newWarehouse(url);
  private final TableId people = new TableId("web_models", "profiles");

  @Test
  void arraysIntegersAndDatesAreStoredAsPostgresTypesAndComeBackAsTheyWent() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("user_ids", DataTypes.createArrayType(DataTypes.StringType))
        .add("orders", DataTypes.IntegerType).add("day", DataTypes.DateType)
        .add("scores", DataTypes.createArrayType(DataTypes.DoubleType));
    Dataset<Row> rows = spark.createDataFrame(List.of(
        RowFactory.create("p1", List.of("u1", "u\"2,{x}"), 3, LocalDate.of(2026, 2, 28), List.of(1.5, 2.0)),
        RowFactory.create("p2", List.of(), null, null, null)), schema);

    warehouse.write(people, rows, WriteMode.overwrite());

    assertThat(Postgres.query(url, "SELECT column_name || ' ' || udt_name FROM information_schema.columns WHERE"
        + " table_schema = 'web_models' ORDER BY ordinal_position"))
        .containsExactly("id text", "user_ids _text", "orders int4", "day date", "scores _float8");
    assertThat(Postgres.query(url, "SELECT user_ids[2], cardinality(user_ids), orders, day FROM web_models.profiles"
        + " ORDER BY id")).containsExactly("u\"2,{x}|2|3|2026-02-28", "null|0|null|null");
    List<Row> back = warehouse.read(people).orderBy("id").collectAsList();
    assertThat(back.get(0).getList(1)).containsExactly("u1", "u\"2,{x}");
    assertThat(back.get(0).<Integer>getAs("orders")).isEqualTo(3);
    assertThat(back.get(0).getList(4)).containsExactly(1.5, 2.0);
    assertThat(back.get(1).getList(1)).isEmpty();
  }

  @Test
  void mapsAndStructsAreStoredAsJsonTextAndDecimalsAreRefusedBeforeAnythingIsWritten() {
    Dataset<Row> nested = spark.sql("SELECT 'p1' AS id, map('a', 1) AS counts, named_struct('x', 1, 'y', 'z') AS point");

    warehouse.write(people, nested, WriteMode.append());

    assertThat(Postgres.query(url, "SELECT counts, point FROM web_models.profiles"))
        .containsExactly("{\"a\":1}|{\"x\":1,\"y\":\"z\"}");
    assertThatThrownBy(() -> warehouse.write(new TableId("web_models", "money"),
        spark.sql("SELECT CAST(1.25 AS DECIMAL(10,2)) AS amount"), WriteMode.append()))
        .hasMessage("The postgres warehouse cannot store decimal(10,2) columns; cast them to string, bigint or double first");
    assertThat(warehouse.schema(new TableId("web_models", "money"))).isEmpty();
  }

  @Test
  void anOverwriteWithTheSameColumnsKeepsTheTableSoViewsOnItSurvive() {
    warehouse.write(people, spark.sql("SELECT 'p1' AS id, 1L AS orders"), WriteMode.overwrite());
    Postgres.execute(url, "CREATE VIEW web_models.busy AS SELECT id FROM web_models.profiles WHERE orders > 1");

    warehouse.write(people, spark.sql("SELECT 'p2' AS id, 5L AS orders"), WriteMode.overwrite());

    assertThat(Postgres.query(url, "SELECT id FROM web_models.busy")).containsExactly("p2");
  }

  @Test
  void anAppendOfValuesTheColumnCannotHoldExactlyIsRefusedNotRounded() {
    warehouse.write(people, spark.sql("SELECT 'p1' AS id, 1L AS orders"), WriteMode.append());

    assertThat(warehouse.write(people, spark.sql("SELECT 'p2' AS id, 2 AS orders"), WriteMode.append())).isEqualTo(1);
    assertThatThrownBy(() -> warehouse.write(people, spark.sql("SELECT 'p3' AS id, 2.5D AS orders"), WriteMode.append()))
        .hasMessage("Cannot append to web_models.profiles: column orders is bigint there and double in the new rows");
    assertThat(Postgres.query(url, "SELECT id, orders FROM web_models.profiles ORDER BY id")).containsExactly("p1|1", "p2|2");
  }

  @Test
  void theNulCharacterPostgresTextCannotHoldIsLeftOutAndTheRestOfTheValueKept() {
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("p1", "a\0b\0c")),
        new StructType().add("id", DataTypes.StringType).add("note", DataTypes.StringType));

    warehouse.write(people, rows, WriteMode.append());

    assertThat(Postgres.query(url, "SELECT note FROM web_models.profiles")).containsExactly("abc");
  }

  @Test
  void anOverwriteIsOneTransactionSoAFailedOneLeavesTheOldTable() {
    warehouse.write(people, spark.sql("SELECT 'p1' AS id"), WriteMode.overwrite());

    // a value Spark only finds wrong while the tasks stage it: nothing reaches the table
    assertThatThrownBy(() -> warehouse.write(people,
        spark.sql("SELECT CAST(raise_error('model failed') AS STRING) AS id"), WriteMode.overwrite()));

    assertThat(Postgres.query(url, "SELECT id FROM web_models.profiles")).containsExactly("p1");
    assertThat(Postgres.query(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema ="
        + " '_roundtrip_staging'")).containsExactly("0");
  }
}
