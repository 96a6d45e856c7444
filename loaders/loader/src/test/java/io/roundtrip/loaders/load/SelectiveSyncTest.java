package io.roundtrip.loaders.load;

import static io.roundtrip.loaders.testing.Events.identify;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.bookkeeping.LoadManifest;
import io.roundtrip.loaders.event.EventFilter;
import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.warehouse.TableId;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment's "Warehouse Selective Sync": data engineers choose which events and properties reach the
 * warehouse; what is left out stays in the archive, is counted as filtered, and the lines balance.
 */
class SelectiveSyncTest {

  @TempDir
  Path tmp;

  private static final String DAY = "1767225600000"; // 2026-01-01, as Segment's archive names the folder

  private LoadSummary load(WarehouseFixture wh, EventFilter filter, LocalDate reloadSince) {
    LoadJob job = new LoadJob(wh.spark(), wh.warehouse(), new io.roundtrip.warehouse.naming.NameRules(
        io.roundtrip.warehouse.naming.Dialect.DELTA));
    LoadRequest request = new LoadRequest("web", wh.input().toString(), LoadRequest.DEFAULT_DEDUP_WINDOW, 4, filter,
        reloadSince);
    return job.run(job.plan(request), LoadProgress.SILENT);
  }

  @Test
  void excludedAndNotIncludedEventsAreCountedAsFilteredAndTheLinesBalance() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file(DAY + "/a.json",
        track("m1", "u1", "Order Completed", "2026-01-01T10:00:00Z", "{\"revenue\":10}"),
        track("m2", "u1", "Debug Ping", "2026-01-01T10:00:01Z", "{}"),
        track("m3", "u1", "Checkout Started", "2026-01-01T10:00:02Z", "{}"),
        track("m4", "u1", "Checkout Step Viewed", "2026-01-01T10:00:03Z", "{}"),
        identify("m5", "u1", "2026-01-01T10:00:04Z", "{\"plan\":\"pro\"}"));
    LoadSummary summary = load(wh, new EventFilter(List.of("Order Completed", "Checkout *"), List.of("* Viewed"),
        Map.of()), null);

    assertThat(summary.filtered()).isEqualTo(2); // Debug Ping (not included), Checkout Step Viewed (excluded)
    assertThat(summary.newEvents()).isEqualTo(3); // the identify always loads
    assertThat(summary.lines()).isEqualTo(summary.newEvents() + summary.duplicatesInLoad()
        + summary.duplicatesInWarehouse() + summary.rejects() + summary.filtered() + summary.blankLines());
    assertThat(wh.warehouse().tables("web")).extracting(TableId::name)
        .containsExactly("checkout_started", "identifies", "order_completed", "tracks", "users");
    Row entry = wh.warehouse().read(LoadManifest.TABLE).where("status = 'loaded'").first();
    assertThat(entry.<Long>getAs("filtered")).isEqualTo(2L);
    assertThat(entry.<Long>getAs("lines")).isEqualTo(
        entry.<Long>getAs("events") + entry.<Long>getAs("rejects") + entry.<Long>getAs("filtered")
            + entry.<Long>getAs("blank_lines"));
  }

  @Test
  void excludedPropertiesMakeNoColumnPerEventOrEverywhereByDottedPath() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file(DAY + "/a.json",
        track("m1", "u1", "Order Completed", "2026-01-01T10:00:00Z",
            "{\"revenue\":10,\"payment\":{\"card\":{\"last4\":\"4242\"},\"method\":\"card\"},\"internal\":1}"),
        track("m2", "u1", "Signed Up", "2026-01-01T10:00:01Z", "{\"payment\":{\"card\":\"x\"},\"internal\":2}"),
        identify("m3", "u1", "2026-01-01T10:00:02Z", "{\"plan\":\"pro\",\"internal\":3}"));
    LoadSummary summary = load(wh, new EventFilter(List.of(), List.of(),
        Map.of("Order Completed", List.of("payment.card"), "*", List.of("internal"))), null);

    assertThat(wh.columns("web", "order_completed")).containsKeys("revenue", "payment_method")
        .doesNotContainKeys("payment_card_last4", "internal");
    assertThat(wh.columns("web", "signed_up")).containsKey("payment_card").doesNotContainKey("internal");
    assertThat(wh.columns("web", "identifies")).containsKey("plan").doesNotContainKey("internal");
    assertThat(wh.columns("web", "users")).doesNotContainKey("internal");
    assertThat(summary.filteredProperties()).isEqualTo(4); // last4 and three internals
    assertThat(summary.filtered()).isZero();
  }

  @Test
  void aReloadSinceADayBackfillsNewlyIncludedEventsWithoutDuplicatingWhatWasLoaded() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file(DAY + "/a.json",
        track("m1", "u1", "Order Completed", "2026-01-01T10:00:00Z", "{}"),
        track("m2", "u1", "Debug Ping", "2026-01-01T10:00:01Z", "{}"),
        "not json");
    load(wh, new EventFilter(List.of(), List.of("Debug Ping"), Map.of()), null);
    assertThat(wh.warehouse().schema(new TableId("web", "debug_ping"))).isEmpty();

    LoadSummary nothingNew = load(wh, EventFilter.NONE, null);
    assertThat(nothingNew.filesLoaded()).isZero(); // a changed filter applies to new loads only
    LoadSummary reload = load(wh, EventFilter.NONE, LocalDate.of(2026, 1, 1));

    assertThat(reload.filesLoaded()).isEqualTo(1);
    assertThat(reload.newEvents()).isEqualTo(1);
    assertThat(reload.duplicatesInWarehouse()).isEqualTo(1);
    assertThat(wh.count("web", "debug_ping")).isEqualTo(1);
    assertThat(wh.count("web", "order_completed")).isEqualTo(1);
    assertThat(wh.count("web", "tracks")).isEqualTo(2);
    assertThat(wh.count("_roundtrip", "rejects")).isEqualTo(1); // the bad line was recorded once
  }
}
