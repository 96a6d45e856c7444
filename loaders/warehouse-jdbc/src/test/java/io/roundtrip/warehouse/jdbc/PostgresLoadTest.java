package io.roundtrip.warehouse.jdbc;

import static io.roundtrip.loaders.testing.Events.group;
import static io.roundtrip.loaders.testing.Events.identify;
import static io.roundtrip.loaders.testing.Events.page;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.jdbc.testing.PostgresFixture;
import io.roundtrip.warehouse.testing.ForwardingStagedAppends;
import io.roundtrip.warehouse.testing.ForwardingWarehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader end to end into PostgreSQL: what lands in its tables, as PostgreSQL itself shows them. */
class PostgresLoadTest {

  /** A timestamptz column as UTC text, whatever the server's and the JVM's time zones. */
  private static final String UTC = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";

  @TempDir
  Path tmp;

  @Test
  void everyCallTypeLandsInItsTableWithSegmentsColumnsAndPostgresTypes() {
    PostgresFixture pg = new PostgresFixture(tmp);
    pg.file("a.json",
        track("m1", "u1", "Order Completed", "2026-01-01T10:00:00.123456Z", "{\"revenue\":12.5,\"items\":2,\"coupon\":\"X\",\"gift\":true}"),
        identify("m2", "u1", "2026-01-01T10:00:01Z", "{\"plan\":\"pro\",\"seats\":3}"),
        page("m3", "a1", "Home", "2026-01-01T10:00:02Z", "{\"path\":\"/\"}"),
        group("m4", "u1", "g1", "2026-01-01T10:00:03Z", "{\"name\":\"Acme\"}"),
        "not json");

    LoadSummary summary = pg.load("web");

    assertThat(summary.newEvents()).isEqualTo(4);
    assertThat(summary.rejects()).isEqualTo(1);
    assertThat(pg.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'web' ORDER BY 1"))
        .containsExactly("accounts", "groups", "identifies", "order_completed", "pages", "tracks", "users");
    assertThat(pg.columns("web", "order_completed")).containsEntry("id", "text").containsEntry("revenue", "double precision")
        .containsEntry("items", "bigint").containsEntry("gift", "boolean").containsEntry("coupon", "text")
        .containsEntry("received_at", "timestamp with time zone").containsEntry("uuid_ts", "timestamp with time zone");
    assertThat(pg.query("SELECT id, revenue, items, coupon, gift, extract(microseconds FROM received_at)"
        + " FROM web.order_completed")).containsExactly("m1|12.5|2|X|true|123456");
    assertThat(pg.query("SELECT id, plan, seats FROM web.users")).containsExactly("u1|pro|3");
    assertThat(pg.query("SELECT id, name FROM web.accounts")).containsExactly("g1|Acme");
    assertThat(pg.query("SELECT line, reason FROM _roundtrip.rejects")).hasSize(1).allMatch(r -> r.startsWith("5|"));
    assertThat(pg.query("SELECT status FROM _roundtrip.loads ORDER BY status")).containsExactly("loaded", "started");
  }

  @Test
  void usersMergeAcrossLoadsAndALateEventDoesNotOverwriteANewerValue() {
    PostgresFixture pg = new PostgresFixture(tmp);
    pg.file("day1/a.json", identify("m1", "u1", "2026-01-02T10:00:00Z", "{\"plan\":\"pro\",\"city\":\"Oslo\"}"),
        identify("m2", "u2", "2026-01-02T10:00:00Z", "{\"plan\":\"free\"}"));
    pg.load("web");
    pg.file("day2/b.json", identify("m3", "u1", "2026-01-01T09:00:00Z", "{\"plan\":\"trial\",\"email\":\"a@x\"}"),
        identify("m4", "u2", "2026-01-03T10:00:00Z", "{\"city\":\"Rome\"}"),
        identify("m5", "u3", "2026-01-03T10:00:00Z", "{\"plan\":\"team\"}"));

    LoadSummary second = pg.load("web");

    assertThat(second.rowsByTable()).containsEntry("users", 3L);
    assertThat(pg.query("SELECT id, plan, city, email, " + UTC.formatted("received_at") + " FROM web.users ORDER BY id"))
        .containsExactly("u1|pro|Oslo|a@x|2026-01-02 10:00:00", "u2|free|Rome|null|2026-01-03 10:00:00",
            "u3|team|null|null|2026-01-03 10:00:00");
  }

  @Test
  void aReloadOfTheSameEventsAddsNothingAndAFractionWidensABigintColumnInPlace() {
    PostgresFixture pg = new PostgresFixture(tmp);
    pg.file("a.json", track("m1", "u1", "Rated", "2026-01-01T10:00:00Z", "{\"score\":4}"));
    pg.load("web");
    pg.file("b.json", track("m1", "u1", "Rated", "2026-01-01T10:00:00Z", "{\"score\":4}"),
        track("m2", "u1", "Rated", "2026-01-01T11:00:00Z", "{\"score\":4.5,\"note\":\"ok\"}"));

    LoadSummary second = pg.load("web");

    assertThat(second.duplicatesInWarehouse()).isEqualTo(1);
    assertThat(second.columnsWidened()).containsEntry("rated", List.of("score bigint -> double"));
    assertThat(pg.columns("web", "rated")).containsEntry("score", "double precision").containsEntry("note", "text");
    assertThat(pg.query("SELECT id, score, note FROM web.rated ORDER BY id")).containsExactly("m1|4.0|null", "m2|4.5|ok");
    assertThat(pg.query("SELECT count(*) FROM web.tracks")).containsExactly("2");
  }

  @Test
  void aCommitInsertsOnlyRowsWhoseIdTheTableDoesNotHaveEvenOutsideTheDedupWindow() {
    PostgresFixture pg = new PostgresFixture(tmp);
    pg.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"));
    pg.load("web");
    // a month later, beyond the 7-day window the loader looks in: only the commit can tell
    pg.file("b.json", track("m1", "u1", "Clicked", "2026-02-01T10:00:00Z", "{}"),
        track("m2", "u1", "Clicked", "2026-02-01T10:00:01Z", "{}"));

    pg.load("web");

    assertThat(pg.query("SELECT id, " + UTC.formatted("received_at") + " FROM web.tracks ORDER BY id"))
        .containsExactly("m1|2026-01-01 10:00:00", "m2|2026-02-01 10:00:01");
    assertThat(pg.query("SELECT id FROM web.clicked ORDER BY id")).containsExactly("m1", "m2");
  }

  @Test
  void aLoadThatCrashedBetweenTableCommitsCompletesOnRerunWithNoDuplicatesAndNoLoss() {
    PostgresFixture pg = new PostgresFixture(tmp);
    pg.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"),
        track("m2", "u1", "Viewed", "2026-01-01T10:00:01Z", "{}"),
        identify("m3", "u1", "2026-01-01T10:00:02Z", "{\"plan\":\"pro\"}"), "not json");
    Warehouse crashing = new CrashingOnCommit(pg.warehouse(), "viewed", "tracks");
    assertThatThrownBy(() -> pg.load("web", Duration.ofDays(7), crashing))
        .hasMessageContaining("disk full while committing viewed");
    assertThat(pg.query("SELECT count(*) FROM web.tracks")).containsExactly("2");
    assertThat(pg.warehouse().schema(new TableId("web", "viewed"))).isEmpty();

    LoadSummary rerun = pg.load("web");

    assertThat(rerun.filesLoaded()).isEqualTo(1);
    assertThat(pg.query("SELECT id FROM web.tracks ORDER BY id")).containsExactly("m1", "m2");
    assertThat(pg.query("SELECT id FROM web.viewed")).containsExactly("m2");
    assertThat(pg.query("SELECT id FROM web.clicked")).containsExactly("m1");
    assertThat(pg.query("SELECT id, plan FROM web.users")).containsExactly("u1|pro");
    assertThat(pg.query("SELECT count(*) FROM _roundtrip.rejects")).containsExactly("1");
    assertThat(pg.query("SELECT count(DISTINCT uuid_ts) FROM web.tracks")).containsExactly("1");
    // the stamp of the load's time, recorded with each table that took its rows
    assertThat(pg.query("SELECT table_name, app_id FROM _roundtrip.commit_stamps WHERE table_namespace = 'web'"
        + " AND table_name IN ('tracks', 'viewed') ORDER BY 1"))
        .containsExactly("tracks|roundtrip-load:web", "viewed|roundtrip-load:web");
  }

  @Test
  void aLoadLeavesNoStagingTablesBehind() {
    PostgresFixture pg = new PostgresFixture(tmp);
    pg.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"),
        identify("m2", "u1", "2026-01-01T10:00:01Z", "{\"plan\":\"pro\"}"), "not json");

    pg.load("web");

    assertThat(pg.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = '_roundtrip_staging'"))
        .containsExactly("0");
    assertThat(pg.warehouse().namespaces()).containsExactly("_roundtrip", "web");
  }

  /** The real warehouse, except that one table's commit fails as a full disk would, once another table committed. */
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
