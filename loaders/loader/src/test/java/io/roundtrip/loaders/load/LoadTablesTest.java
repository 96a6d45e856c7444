package io.roundtrip.loaders.load;

import static io.roundtrip.loaders.testing.Events.identify;
import static io.roundtrip.loaders.testing.Events.page;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.warehouse.SqlCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse schema a load produces, on small hand-written events. */
class LoadTablesTest {

  @TempDir
  Path tmp;

  @Test
  void trackGoesToTracksWithoutPropertiesAndToItsOwnTableWithThem() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Order Completed", "2026-01-01T10:00:00Z",
        "{\"revenue\":10.5,\"coupon\":\"X\"}"));
    LoadSummary summary = wh.load("web");

    assertThat(summary.rowsByTable()).containsEntry("tracks", 1L).containsEntry("order_completed", 1L);
    assertThat(wh.columns("web", "tracks")).containsKeys("id", "user_id", "event", "event_text", "received_at",
        "timestamp", "uuid_ts").doesNotContainKeys("revenue", "coupon");
    Row row = wh.rows("web", "order_completed", "id").get(0);
    assertThat(row.<String>getAs("event")).isEqualTo("order_completed");
    assertThat(row.<String>getAs("event_text")).isEqualTo("Order Completed");
    assertThat(row.<Double>getAs("revenue")).isEqualTo(10.5);
    assertThat(row.<String>getAs("coupon")).isEqualTo("X");
  }

  @Test
  void flattensNestedObjectsKeepsArraysAsJsonAndMakesNoColumnForNullOrEmpty() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Checkout Started", "2026-01-01T10:00:00Z",
        "{\"shipping\":{\"address\":{\"city\":\"Lyon\"}},\"products\":[{\"sku\":\"A\"},{\"sku\":\"B\"}],"
            + "\"note\":null,\"gift\":\"\",\"extra\":{}}"));
    wh.load("web");

    assertThat(wh.columns("web", "checkout_started")).containsEntry("shipping_address_city", "string")
        .containsEntry("products", "string").doesNotContainKeys("note", "gift", "extra");
    Row row = wh.rows("web", "checkout_started", "id").get(0);
    assertThat(row.<String>getAs("products")).isEqualTo("[{\"sku\":\"A\"},{\"sku\":\"B\"}]");
    assertThat(row.<String>getAs("shipping_address_city")).isEqualTo("Lyon");
  }

  @Test
  void columnTypesFollowTheValues() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Measured", "2026-01-01T10:00:00Z",
        "{\"count\":3,\"ratio\":0.5,\"ok\":true,\"at\":\"2026-01-01T09:00:00+01:00\",\"label\":\"x\"}"));
    wh.load("web");

    assertThat(wh.columns("web", "measured")).containsEntry("count", "bigint").containsEntry("ratio", "double")
        .containsEntry("ok", "boolean").containsEntry("_at", "timestamp").containsEntry("label", "string")
        .containsEntry("received_at", "timestamp").containsEntry("uuid_ts", "timestamp");
    Row row = wh.rows("web", "measured", "id").get(0);
    assertThat(row.<Instant>getAs("_at")).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
  }

  @Test
  void computesTimestampFromClockSkewWhenTheEventHasNone() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    // the device clock runs 2 hours late; the event happened 30 s before it was sent
    wh.file("a.json", "{\"type\":\"track\",\"event\":\"Clicked\",\"messageId\":\"m1\",\"anonymousId\":\"a1\","
        + "\"originalTimestamp\":\"2026-01-01T08:00:00Z\",\"sentAt\":\"2026-01-01T08:00:30Z\","
        + "\"receivedAt\":\"2026-01-01T10:00:31Z\"}");
    wh.load("web");

    Row row = wh.rows("web", "clicked", "id").get(0);
    assertThat(row.<Instant>getAs("timestamp")).isEqualTo(Instant.parse("2026-01-01T10:00:01Z"));
    assertThat(row.<Instant>getAs("original_timestamp")).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
  }

  @Test
  void eachTypeHasItsTableAndAnEventNamedLikeAFixedTableGetsAnUnderscore() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        track("m1", "u1", "Users", "2026-01-01T10:00:00Z", "{}"),
        page("m2", "a1", "Home", "2026-01-01T10:00:01Z", "{\"path\":\"/\"}"),
        identify("m3", "u1", "2026-01-01T10:00:02Z", "{\"email\":\"a@b.c\"}"),
        "{\"type\":\"screen\",\"messageId\":\"m4\",\"anonymousId\":\"a1\",\"name\":\"Cart\",\"receivedAt\":\"2026-01-01T10:00:03Z\"}",
        "{\"type\":\"group\",\"messageId\":\"m5\",\"userId\":\"u1\",\"groupId\":\"g1\",\"receivedAt\":\"2026-01-01T10:00:04Z\"}",
        "{\"type\":\"alias\",\"messageId\":\"m6\",\"userId\":\"u1\",\"previousId\":\"a1\",\"receivedAt\":\"2026-01-01T10:00:05Z\"}");
    LoadSummary summary = wh.load("web");

    assertThat(summary.tablesAdded()).containsExactlyInAnyOrder("tracks", "_users", "pages", "identifies", "users",
        "screens", "groups", "accounts", "aliases");
    assertThat(wh.rows("web", "pages", "id").get(0).<String>getAs("name")).isEqualTo("Home");
    assertThat(wh.rows("web", "screens", "id").get(0).<String>getAs("name")).isEqualTo("Cart");
    assertThat(wh.rows("web", "groups", "id").get(0).<String>getAs("group_id")).isEqualTo("g1");
    assertThat(wh.rows("web", "aliases", "id").get(0).<String>getAs("previous_id")).isEqualTo("a1");
    assertThat(wh.rows("web", "_users", "id").get(0).<String>getAs("event_text")).isEqualTo("Users");
  }

  @Test
  void nameIsAPlainColumnOfGroupsUsersAndEventTablesAndPrefixedOnlyOnPages() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        identify("m1", "u1", "2026-01-01T10:00:00Z", "{\"name\":\"Ada Lovelace\"}"),
        track("m2", "u1", "Product Viewed", "2026-01-01T10:00:01Z", "{\"name\":\"Trail Shoe\",\"event\":\"x\"}"),
        page("m3", "a1", "Home", "2026-01-01T10:00:02Z", "{\"name\":\"Landing\"}"));
    wh.load("web");

    assertThat(wh.rows("web", "identifies", "id").get(0).<String>getAs("name")).isEqualTo("Ada Lovelace");
    assertThat(wh.rows("web", "users", "id").get(0).<String>getAs("name")).isEqualTo("Ada Lovelace");
    Row viewed = wh.rows("web", "product_viewed", "id").get(0);
    assertThat(viewed.<String>getAs("name")).isEqualTo("Trail Shoe");
    assertThat(viewed.<String>getAs("_event")).isEqualTo("x");
    assertThat(viewed.<String>getAs("event")).isEqualTo("product_viewed");
    Row home = wh.rows("web", "pages", "id").get(0);
    assertThat(home.<String>getAs("name")).isEqualTo("Home");
    assertThat(home.<String>getAs("_name")).isEqualTo("Landing");
  }

  @Test
  void everyTableIsQueryableAsSourceDotTableAndTheBookkeepingAsRoundtripDotTable() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Signed Up", "2026-01-01T10:00:00Z", "{\"plan\":\"pro\"}"), "oops");
    wh.load("shop");
    wh.warehouse().ability(SqlCatalog.class).orElseThrow().registerTables();

    List<Row> rows = wh.spark().sql("SELECT t.event_text, s.plan, l.lines, r.reason FROM shop.tracks t "
        + "JOIN shop.signed_up s ON s.id = t.id CROSS JOIN _roundtrip.loads l CROSS JOIN _roundtrip.rejects r WHERE l.status = 'loaded'")
        .collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(0)).isEqualTo("Signed Up");
    assertThat(rows.get(0).getString(1)).isEqualTo("pro");
    assertThat(rows.get(0).getLong(2)).isEqualTo(2L);
    assertThat(rows.get(0).getString(3)).startsWith("invalid JSON");
  }

  @Test
  void readsGzippedAndPlainFilesInNestedFoldersAndSkipsOthers() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("2026/01/01/a.gz", track("m1", "u1", "A", "2026-01-01T10:00:00Z", "{}"));
    wh.file("2026/01/02/b.ndjson", track("m2", "u1", "A", "2026-01-02T10:00:00Z", "{}"));
    wh.file("2026/01/03/c.json", track("m3", "u1", "A", "2026-01-03T10:00:00Z", "{}"));
    wh.file("2026/01/03/readme.txt", track("m4", "u1", "A", "2026-01-03T10:00:00Z", "{}"));
    wh.file("2026/01/03/.hidden.json", track("m5", "u1", "A", "2026-01-03T10:00:00Z", "{}"));
    wh.file("_temporary/d.json", track("m6", "u1", "A", "2026-01-03T10:00:00Z", "{}"));
    LoadSummary summary = wh.load("web");

    assertThat(summary.filesLoaded()).isEqualTo(3);
    assertThat(wh.rows("web", "a", "id")).extracting(r -> r.getAs("id")).containsExactly("m1", "m2", "m3");
  }
}
