package io.roundtrip.loaders.load;

import static io.roundtrip.loaders.testing.Events.identify;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.loaders.bookkeeping.LoadManifest;
import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import io.roundtrip.warehouse.testing.ForwardingStagedAppends;
import io.roundtrip.warehouse.testing.ForwardingWarehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One row per messageId in every table: within a load, across loads, and across a crash. */
class DedupTest {

  @TempDir
  Path tmp;

  @Test
  void keepsTheFirstLineOfAMessageIdRepeatedWithinALoad() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("day1/a.json",
        track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{\"copy\":1}"),
        track("m1", "u1", "Clicked", "2026-01-01T10:00:05Z", "{\"copy\":2}"),
        track("m2", "u1", "Clicked", "2026-01-01T10:00:06Z", "{\"copy\":1}"));
    wh.file("day2/b.json", track("m1", "u1", "Clicked", "2026-01-02T10:00:00Z", "{\"copy\":3}"));
    LoadSummary summary = wh.load("web");

    assertThat(summary.duplicatesInLoad()).isEqualTo(2);
    assertThat(summary.newEvents()).isEqualTo(2);
    List<Row> rows = wh.rows("web", "clicked", "id");
    assertThat(rows).extracting(r -> r.getAs("id"), r -> r.getAs("copy")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("m1", 1L), org.assertj.core.groups.Tuple.tuple("m2", 1L));
    assertThat(wh.count("web", "tracks")).isEqualTo(2);
  }

  @Test
  void dropsMessageIdsAnEarlierLoadStored() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"));
    wh.load("web");
    wh.file("b.json", track("m1", "u1", "Clicked", "2026-01-01T11:00:00Z", "{}"),
        track("m2", "u1", "Clicked", "2026-01-01T11:00:01Z", "{}"));
    LoadSummary second = wh.load("web");

    assertThat(second.filesSkipped()).isEqualTo(1);
    assertThat(second.duplicatesInWarehouse()).isEqualTo(1);
    assertThat(second.rowsByTable()).containsEntry("tracks", 1L).containsEntry("clicked", 1L);
    assertThat(wh.rows("web", "tracks", "id")).extracting(r -> r.getAs("id")).containsExactly("m1", "m2");
  }

  @Test
  void looksBackOnlyAsFarAsTheDedupWindowUnlessToldToLookEverywhere() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"));
    wh.load("web");
    // the same messageId ten days later: outside a 7-day window
    wh.file("b.json", track("m1", "u1", "Clicked", "2026-01-11T10:00:00Z", "{}"));
    LoadSummary withinWeek = wh.load("web", Duration.ofDays(7), wh.warehouse());
    assertThat(withinWeek.duplicatesInWarehouse()).isZero();
    assertThat(wh.count("web", "tracks")).isEqualTo(2);

    wh.file("c.json", track("m1", "u1", "Clicked", "2026-03-01T10:00:00Z", "{}"));
    LoadSummary everywhere = wh.load("web", null, wh.warehouse());
    assertThat(everywhere.duplicatesInWarehouse()).isEqualTo(1);
    assertThat(wh.count("web", "tracks")).isEqualTo(2);
  }

  @Test
  void eventsWithoutMessageIdDedupWhenTheirFileIsReplayedUnderAnotherName() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    String first = "{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\",\"receivedAt\":\"2026-01-01T10:00:00Z\"}";
    String second = "{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\",\"receivedAt\":\"2026-01-01T10:00:05Z\"}";
    wh.file("a.json", first, second);
    LoadSummary loaded = wh.load("web");
    // the same events again, re-serialised: another file (another checksum), the same content
    wh.file("replay.json", second.replace(",", ", "), first.replace(",", ", "));
    LoadSummary replayed = wh.load("web");

    assertThat(loaded.newEvents()).isEqualTo(2);
    assertThat(replayed.filesLoaded()).isEqualTo(1);
    assertThat(replayed.duplicatesInWarehouse()).isEqualTo(2);
    assertThat(wh.rows("web", "tracks", "id")).extracting(r -> r.<String>getAs("id"))
        .allMatch(id -> id.startsWith("rt-")).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void rerunningTheSameLoadChangesNothing() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"),
        identify("m2", "u1", "2026-01-01T10:00:01Z", "{\"plan\":\"pro\"}"), "not json");
    wh.load("web");
    List<Row> before = wh.rows("web", "tracks", "id");
    long versionBefore = wh.warehouse().read(LoadManifest.TABLE).count();

    LoadSummary again = wh.load("web");

    assertThat(again.filesLoaded()).isZero();
    assertThat(again.filesSkipped()).isEqualTo(1);
    assertThat(wh.rows("web", "tracks", "id")).isEqualTo(before);
    assertThat(wh.count("web", "identifies")).isEqualTo(1);
    assertThat(wh.count("web", "users")).isEqualTo(1);
    assertThat(wh.count("_roundtrip", "rejects")).isEqualTo(1);
    assertThat(wh.warehouse().read(LoadManifest.TABLE).count()).isEqualTo(versionBefore);
  }

  @Test
  void aLoadThatCrashedAfterSomeTablesCompletesOnRerunWithNoDuplicatesAndNoLoss() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"),
        track("m2", "u1", "Viewed", "2026-01-01T10:00:01Z", "{}"),
        identify("m3", "u1", "2026-01-01T10:00:02Z", "{\"plan\":\"pro\"}"),
        "not json");
    Warehouse crashing = new CrashingOnCommit(wh.warehouse(), "viewed", "tracks");
    assertThatThrownBy(() -> wh.load("web", Duration.ofDays(7), crashing))
        .hasMessageContaining("disk full while committing viewed");
    // the crash left tracks written, viewed not, and the file not recorded as loaded
    assertThat(wh.count("web", "tracks")).isEqualTo(2);
    assertThat(wh.warehouse().schema(new TableId("web", "viewed"))).isEmpty();

    LoadSummary rerun = wh.load("web");

    assertThat(rerun.filesLoaded()).isEqualTo(1);
    assertThat(wh.rows("web", "tracks", "id")).extracting(r -> r.getAs("id")).containsExactly("m1", "m2");
    assertThat(wh.count("web", "clicked")).isEqualTo(1);
    assertThat(wh.count("web", "viewed")).isEqualTo(1);
    assertThat(wh.count("web", "identifies")).isEqualTo(1);
    assertThat(wh.rows("web", "users", "id").get(0).<String>getAs("plan")).isEqualTo("pro");
    assertThat(wh.count("_roundtrip", "rejects")).isEqualTo(1);
    Dataset<Row> manifest = wh.warehouse().read(LoadManifest.TABLE);
    assertThat(manifest.where("status = 'failed'").count()).isEqualTo(1);
    assertThat(manifest.where("status = 'loaded'").count()).isEqualTo(1);
    // the rerun resumed the stopped load: the same load id, so its rows carry one load time
    assertThat(manifest.select("load_id").distinct().count()).isEqualTo(1);
    assertThat(wh.warehouse().read(new TableId("web", "tracks")).select("uuid_ts").distinct().count()).isEqualTo(1);
  }

  /**
   * The real warehouse, except that committing one table fails as a full disk would, once another
   * table's commit went through (so the crash always leaves the load half done).
   */
  private static final class CrashingOnCommit extends ForwardingWarehouse {
    private final String failingTable;
    private final String committedFirst;
    private final CountDownLatch committed = new CountDownLatch(1);

    CrashingOnCommit(Warehouse real, String failingTable, String committedFirst) {
      super(real);
      this.failingTable = failingTable;
      this.committedFirst = committedFirst;
    }

    @Override
    public <T> Optional<T> ability(Class<T> ability) {
      if (ability != StagedAppends.class) {
        return super.ability(ability);
      }
      return Optional.of(ability.cast(new ForwardingStagedAppends(real.ability(StagedAppends.class).orElseThrow()) {
        @Override
        public CommitOutcome commit(TableId table, StructType schema, List<StagedFile> files, CommitStamp stamp) {
          if (table.name().equals(failingTable)) {
            try {
              committed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("disk full while committing " + failingTable);
          }
          CommitOutcome outcome = super.commit(table, schema, files, stamp);
          if (table.name().equals(committedFirst)) {
            committed.countDown();
          }
          return outcome;
        }
      }));
    }
  }
}
