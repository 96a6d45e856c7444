package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.warehouse.SqlModelTarget;
import io.roundtrip.warehouse.SqlModelTarget.Columns;
import io.roundtrip.warehouse.SqlModelTarget.IncrementalWrite;
import io.roundtrip.warehouse.SqlModelTarget.Kind;
import io.roundtrip.warehouse.SqlModelTarget.Relation;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SQL models' materializations as PostgreSQL statements, on the embedded server. */
class PostgresSqlModelTargetTest {

  String url;
  SqlModelTarget target;
  final Relation orders = new Relation("web", "orders");
  final Relation model = new Relation("analytics", "m");

  @BeforeEach
  void database() {
    url = Postgres.newDatabase();
    Warehouse warehouse = Postgres.newWarehouse(url);
    target = warehouse.ability(SqlModelTarget.class).orElseThrow();
    Postgres.execute(url, "CREATE SCHEMA web; CREATE TABLE web.orders (id bigint, amount double precision,"
        + " ordered_at timestamptz); INSERT INTO web.orders VALUES (1, 10, '2026-01-01 10:00:00+00'),"
        + " (2, 20, '2026-01-02 10:00:00+00')");
  }

  private List<String> rows(String sql) {
    return Postgres.query(url, sql);
  }

  @Test
  void relationsAreQuotedByTheDialectAndDescribedFromTheCatalog() {
    assertThat(target.relationName(new Relation("web", "order \"x\""))).isEqualTo("\"web\".\"order \"\"x\"\"\"");
    SqlModelTarget.RelationInfo info = target.describe(orders).orElseThrow();
    assertThat(info.kind()).isEqualTo(Kind.TABLE);
    assertThat(info.columns().fieldNames()).containsExactly("id", "amount", "ordered_at");
    assertThat(info.columns().apply("ordered_at").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(target.describe(model)).isEmpty();
  }

  @Test
  void aViewKeepsTheViewsOnItWhileItsColumnsStayAndIsRecreatedWhenTheyChange() {
    target.createView(model, "select id from web.orders");
    target.createView(new Relation("analytics", "on_m"), "select id from analytics.m");
    assertThat(target.describe(model).orElseThrow().kind()).isEqualTo(Kind.VIEW);

    // a column added at the end: CREATE OR REPLACE VIEW, the view on it stays
    target.createView(model, "select id, amount from web.orders where amount > 15");
    assertThat(rows("select * from analytics.on_m")).containsExactly("2");

    // columns in another order: PostgreSQL refuses to replace; the view is made anew, and the view
    // on it made again on the new one
    target.createView(model, "select amount, id from web.orders");
    assertThat(rows("select * from analytics.on_m order by id")).containsExactly("1", "2");

    // the column the view on it reads is gone: that view stays dropped, as dbt-postgres drops it
    target.createView(model, "select amount from web.orders order by amount");
    assertThat(rows("select * from analytics.m")).containsExactly("10.0", "20.0");
    assertThat(target.describe(new Relation("analytics", "on_m"))).isEmpty();
  }

  @Test
  void aReplacedTableKeepsTheViewsThatReadItEvenOnesOutsideTheProject() {
    target.replaceTable(model, "select id, amount from web.orders");
    Postgres.execute(url, "CREATE SCHEMA reports; CREATE VIEW reports.big AS SELECT id FROM analytics.m WHERE amount > 15;"
        + " CREATE VIEW reports.big_ids AS SELECT id * 10 AS id10 FROM reports.big");

    target.replaceTable(model, "select id, amount * 10 as amount from web.orders");
    assertThat(rows("select id10 from reports.big_ids order by 1")).containsExactly("10", "20");

    // a seed swapped in the same way
    target.replaceTable(model, SharedSpark.session().sql("select 7L as id, 99.0D as amount"));
    assertThat(rows("select id10 from reports.big_ids")).containsExactly("70");

    // without the column they read, they cannot be made again: they go, the table is replaced
    target.replaceTable(model, "select id from web.orders");
    assertThat(rows("select table_name from information_schema.views where table_schema = 'reports'")).isEmpty();
    assertThat(rows("select count(*) from analytics.m")).containsExactly("2");
  }

  @Test
  void aTableIsSwappedInOneTransactionAndAFailedBuildKeepsTheOldRowsAndNoScratchTable() {
    assertThat(target.replaceTable(model, "select id, amount * 2 as doubled from web.orders")).isEqualTo(2);
    assertThat(target.replaceTable(model, "select id from web.orders where id = 2;")).isEqualTo(1);
    assertThat(rows("select * from analytics.m")).containsExactly("2");

    assertThatThrownBy(() -> target.replaceTable(model, "select id / (id - 2) as x from web.orders"))
        .hasMessageContaining("division by zero");
    assertThat(rows("select * from analytics.m")).containsExactly("2");
    assertThat(rows("select table_name from information_schema.tables where table_schema = 'analytics'"))
        .containsExactly("m");
  }

  @Test
  void aTableReplacesAViewOfItsNameAndAViewATable() {
    target.createView(model, "select 1 as x");
    target.replaceTable(model, "select 2 as x");
    assertThat(target.describe(model).orElseThrow().kind()).isEqualTo(Kind.TABLE);
    target.createView(model, "select 3 as x -- a comment at the end");
    assertThat(target.describe(model).orElseThrow().kind()).isEqualTo(Kind.VIEW);
    assertThat(rows("select * from analytics.m")).containsExactly("3");
  }

  @Test
  void seedsGoInThroughTheWarehousesWritePath() {
    var spark = SharedSpark.session();
    long written = target.replaceTable(model, spark.sql("select * from values (1, 'a'), (2, 'b') as t(n, s)"));
    assertThat(written).isEqualTo(2);
    assertThat(rows("select n, s from analytics.m order by n")).containsExactly("1|a", "2|b");
    assertThat(rows("select data_type from information_schema.columns where table_name = 'm' order by ordinal_position"))
        .containsExactly("integer", "text");
  }

  @Test
  void anAppendTakesOnlyTheTablesColumnsUnlessNewOnesAreAllowed() {
    target.replaceTable(model, "select id, amount from web.orders where id = 1");
    long kept = target.writeIncremental(model, "select 2 as id, 20.0::float8 as amount, 'x' as extra",
        new IncrementalWrite.Append(Columns.KEEP));
    assertThat(kept).isEqualTo(1);
    assertThat(target.describe(model).orElseThrow().columns().fieldNames()).containsExactly("id", "amount");

    target.writeIncremental(model, "select 3 as id, 'y' as extra", new IncrementalWrite.Append(Columns.ADD_NEW));
    assertThat(rows("select * from analytics.m order by id")).containsExactly("1|10.0|null", "2|20.0|null", "3|null|y");
  }

  @Test
  void syncAllColumnsDropsRetypesAndAddsButANarrowerNumberIsNoChange() {
    target.replaceTable(model, "select id, amount, 'old' as gone from web.orders");
    target.writeIncremental(model, "select 3::int as id, '30' as amount, true as flag",
        new IncrementalWrite.Append(Columns.SYNC));
    assertThat(rows("select column_name || ' ' || data_type from information_schema.columns where table_name = 'm'"
        + " order by ordinal_position")).containsExactly("id bigint", "amount text", "flag boolean");
    assertThat(rows("select * from analytics.m order by id")).containsExactly("1|10|null", "2|20|null", "3|30|true");
  }

  @Test
  void aMergeUpdatesMatchedKeysAndInsertsNewOnesKeepingColumnsItDoesNotSelect() {
    target.replaceTable(model, "select id, amount, 'kept' as note from web.orders");
    long written = target.writeIncremental(model, "select 2 as id, 25.0::float8 as amount union all select 3, 30.0",
        new IncrementalWrite.Merge(List.of("id"), Columns.KEEP));
    assertThat(written).isEqualTo(2);
    assertThat(rows("select * from analytics.m order by id")).containsExactly("1|10.0|kept", "2|25.0|kept",
        "3|30.0|null");
  }

  @Test
  void aTimeRangeReplacesExactlyItsRowsInOneTransaction() {
    target.replaceTable(model, "select id, ordered_at from web.orders");
    Instant start = Instant.parse("2026-01-02T00:00:00Z");
    Instant end = Instant.parse("2026-01-03T00:00:00Z");
    long written = target.writeIncremental(model, "select 5 as id, timestamptz '2026-01-02 12:00:00+00' as ordered_at",
        new IncrementalWrite.ReplaceRange("ordered_at", start, end, Columns.KEEP));
    assertThat(written).isEqualTo(1);
    assertThat(rows("select id from analytics.m order by id")).containsExactly("1", "5");

    // a failing SELECT deletes nothing
    assertThatThrownBy(() -> target.writeIncremental(model, "select 1 / 0 as id, now() as ordered_at",
        new IncrementalWrite.ReplaceRange("ordered_at", start, end, Columns.KEEP))).hasMessageContaining("division by zero");
    assertThat(rows("select id from analytics.m order by id")).containsExactly("1", "5");
    assertThat(rows("select count(*) from information_schema.tables where table_schema = '_roundtrip_staging'"))
        .containsExactly("0");
  }

  @Test
  void aModelNameHoldingQuotesAndSemicolonsStaysOneNameInEveryStatement() {
    Relation hostile = new Relation("analytics", "x\"; DROP TABLE web.orders; --");
    target.replaceTable(hostile, "select 1 as a");
    target.replaceTable(hostile, "select 2 as a");
    target.writeIncremental(hostile, "select 3 as a", new IncrementalWrite.Append(Columns.KEEP));
    assertThat(rows("select a from analytics.\"x\"\"; DROP TABLE web.orders; --\" order by a")).containsExactly("2", "3");
    assertThat(rows("select count(*) from web.orders")).containsExactly("2");
    target.createView(hostile, "select 4 as a");
    assertThat(target.describe(hostile).orElseThrow().kind()).isEqualTo(Kind.VIEW);
  }
}
