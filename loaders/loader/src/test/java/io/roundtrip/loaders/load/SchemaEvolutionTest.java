package io.roundtrip.loaders.load;

import static io.roundtrip.loaders.testing.Events.identify;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.warehouse.TableId;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaEvolutionTest {

  @TempDir
  Path tmp;

  private Set<String> dataFiles(WarehouseFixture wh, String table) {
    return wh.warehouse().read(new TableId("web", table)).select(functions.input_file_name()).distinct()
        .collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  @Test
  void newPropertiesAddColumnsWithoutRewritingTheRowsAlreadyThere() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{\"button\":\"buy\"}"));
    wh.load("web");
    Set<String> firstFiles = dataFiles(wh, "clicked");

    wh.file("b.json", track("m2", "u1", "Clicked", "2026-01-01T11:00:00Z", "{\"button\":\"save\",\"color\":\"red\"}"));
    LoadSummary second = wh.load("web");

    assertThat(second.columnsAdded()).containsEntry("clicked", List.of("color"));
    assertThat(second.tablesAdded()).isEmpty();
    List<Row> rows = wh.rows("web", "clicked", "id");
    assertThat(rows).extracting(r -> r.getAs("button"), r -> r.getAs("color")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("buy", null), org.assertj.core.groups.Tuple.tuple("save", "red"));
    // the first load's file is still there, untouched: the new column reads as null from it
    assertThat(dataFiles(wh, "clicked")).containsAll(firstFiles).hasSize(firstFiles.size() + 1);
  }

  @Test
  void aLaterLoadAddsTablesForNewEvents() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"));
    wh.load("web");
    wh.file("b.json", track("m2", "u1", "Shared Link", "2026-01-01T11:00:00Z", "{\"network\":\"mastodon\"}"));
    LoadSummary second = wh.load("web");

    assertThat(second.tablesAdded()).containsExactly("shared_link");
    assertThat(wh.count("web", "tracks")).isEqualTo(2);
    assertThat(wh.rows("web", "shared_link", "id").get(0).<String>getAs("network")).isEqualTo("mastodon");
  }

  @Test
  void aFractionArrivingInABigintColumnWidensItToDoubleAndKeepsEveryEarlierValue() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Rated", "2026-01-01T10:00:00Z", "{\"stars\":4}"),
        identify("m5", "u1", "2026-01-01T10:00:00Z", "{\"rating\":4}"));
    wh.load("web");
    assertThat(wh.columns("web", "rated")).containsEntry("stars", "bigint");
    wh.file("b.json",
        track("m2", "u1", "Rated", "2026-01-01T11:00:00Z", "{\"stars\":4.5}"),
        track("m3", "u1", "Rated", "2026-01-01T11:00:01Z", "{\"stars\":\"five\"}"),
        track("m4", "u1", "Rated", "2026-01-01T11:00:02Z", "{\"stars\":3}"),
        identify("m6", "u2", "2026-01-01T11:00:03Z", "{\"rating\":4.5}"));
    LoadSummary second = wh.load("web");

    assertThat(wh.columns("web", "rated")).containsEntry("stars", "double");
    assertThat(wh.rows("web", "rated", "id")).extracting(r -> r.getAs("id"), r -> r.getAs("stars")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("m1", 4.0), org.assertj.core.groups.Tuple.tuple("m2", 4.5),
        org.assertj.core.groups.Tuple.tuple("m3", null), org.assertj.core.groups.Tuple.tuple("m4", 3.0));
    assertThat(wh.spark().sql("SELECT avg(stars) FROM delta.`" + tmp.resolve("warehouse/web/rated") + "`")
        .first().getDouble(0)).isEqualTo((4.0 + 4.5 + 3.0) / 3);
    // users follow identifies: the trait widens in both, and the earlier user keeps 4
    assertThat(wh.columns("web", "identifies")).containsEntry("rating", "double");
    assertThat(wh.rows("web", "users", "id")).extracting(r -> r.getAs("id"), r -> r.getAs("rating"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", 4.0), org.assertj.core.groups.Tuple.tuple("u2", 4.5));
    assertThat(second.columnsWidened()).containsEntry("rated", List.of("stars bigint -> double"));
    // only text in a number column is discarded
    assertThat(second.discards()).isEqualTo(1);
    List<Row> discards = wh.rows("_roundtrip", "discards", "line");
    assertThat(discards).extracting(r -> r.getAs("table_name"), r -> r.getAs("column_name"), r -> r.getAs("line"),
        r -> r.getAs("message_id"), r -> r.getAs("value"), r -> r.getAs("reason")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("rated", "stars", 2L, "m3", "five",
            "incompatible schema conversion from double to string"));
    assertThat(discards.get(0).<String>getAs("file")).endsWith("b.json");
  }

  @Test
  void aBigintColumnHoldingIntegersBeyondWhatADoubleKeepsExactlyStaysBigintAndTheFractionIsDiscarded() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Counted", "2026-01-01T10:00:00Z", "{\"n\":9007199254740993}"));
    wh.load("web");
    wh.file("b.json", track("m2", "u1", "Counted", "2026-01-01T11:00:00Z", "{\"n\":0.5}"));
    LoadSummary second = wh.load("web");

    assertThat(wh.columns("web", "counted")).containsEntry("n", "bigint");
    assertThat(wh.rows("web", "counted", "id")).extracting(r -> r.getAs("n"))
        .containsExactly(9007199254740993L, null);
    assertThat(second.columnsWidened()).isEmpty();
    assertThat(wh.rows("_roundtrip", "discards", "line")).extracting(r -> r.getAs("value"), r -> r.getAs("reason"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("0.5",
            "cannot store 0.5 in bigint column without losing its fraction"));
  }

  @Test
  void aStringColumnStaysStringAndNumbersArrivingThereAreStoredAsText() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Coded", "2026-01-01T10:00:00Z", "{\"code\":\"A7\"}"));
    wh.load("web");
    wh.file("b.json", track("m2", "u1", "Coded", "2026-01-01T11:00:00Z", "{\"code\":7.25}"),
        track("m3", "u1", "Coded", "2026-01-01T11:00:01Z", "{\"code\":true}"));
    LoadSummary second = wh.load("web");

    assertThat(wh.columns("web", "coded")).containsEntry("code", "string");
    assertThat(wh.rows("web", "coded", "id")).extracting(r -> r.getAs("code")).containsExactly("A7", "7.25", "true");
    assertThat(second.discards()).isZero();
  }

  @Test
  void aNewColumnTakesTheTypeOfItsEarliestValue() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        track("m2", "u1", "Scored", "2026-01-01T10:00:02Z", "{\"score\":\"high\",\"points\":2.5}"),
        track("m1", "u1", "Scored", "2026-01-01T10:00:01Z", "{\"score\":7,\"points\":2}"));
    wh.load("web");

    // by received_at, the integer came first; integers and fractions together widen to double
    assertThat(wh.columns("web", "scored")).containsEntry("score", "bigint").containsEntry("points", "double");
    assertThat(wh.rows("web", "scored", "id")).extracting(r -> r.getAs("score"), r -> r.getAs("points"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, 2.0), org.assertj.core.groups.Tuple.tuple(null, 2.5));
    assertThat(wh.count("_roundtrip", "discards")).isEqualTo(1);
  }
}
