package io.roundtrip.reverseetl.sync;

import static io.roundtrip.reverseetl.testing.SyncFixture.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.history.SyncHistory;
import io.roundtrip.reverseetl.report.SyncReport;
import io.roundtrip.reverseetl.testing.CountingDestination;
import io.roundtrip.reverseetl.testing.SyncFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncJobTest {

  @TempDir
  Path tmp;

  @Test
  void theFirstRunSendsEverythingAndARunWithoutChangesSendsNothing() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0), customer("c3", "Cy", 30.0));
    CountingDestination destination = new CountingDestination(true, 100);

    SyncReport first = f.sync(f.definition("vip", SyncMode.UPSERT, 2), destination);
    assertThat(first.added()).isEqualTo(3);
    assertThat(first.acknowledged()).isEqualTo(3);
    assertThat(destination.batches()).extracting(List::size).containsExactly(2, 1);
    assertThat(destination.batches().stream().flatMap(List::stream)).containsExactlyInAnyOrder("c1", "c2", "c3");

    SyncReport second = f.sync(f.definition("vip", SyncMode.UPSERT, 2), destination);
    assertThat(second.unchanged()).isEqualTo(3);
    assertThat(second.sent()).isZero();
    assertThat(destination.totalDeliveries()).isEqualTo(3);
  }

  @Test
  void sendsOnlyTheRowsThatChangedWithTheirCurrentValues() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0));
    CountingDestination destination = new CountingDestination(true, 100);
    f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination);

    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 25.0), customer("c4", "Di", 5.0));
    SyncReport report = f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination);

    assertThat(report.added()).isEqualTo(1);
    assertThat(report.changed()).isEqualTo(1);
    assertThat(report.unchanged()).isEqualTo(1);
    assertThat(destination.batches().get(1)).containsExactlyInAnyOrder("c4", "c2");
    assertThat(destination.lastFields("c2")).containsEntry("clv", 25.0);
    assertThat(destination.deliveries(Operation.UPSERT, "c1")).isEqualTo(1);
  }

  @Test
  void insertModeNeverSendsARowTheDestinationAcknowledged() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0));
    CountingDestination destination = new CountingDestination(false, 100);
    f.sync(f.definition("welcome", SyncMode.INSERT, 100), destination);
    f.model(customer("c1", "Ada Lovelace", 99.0), customer("c2", "Bo", 1.0));
    SyncReport report = f.sync(f.definition("welcome", SyncMode.INSERT, 100), destination);

    assertThat(report.sent()).isEqualTo(1);
    assertThat(destination.deliveries(Operation.INSERT, "c1")).isEqualTo(1);
    assertThat(destination.deliveries(Operation.INSERT, "c2")).isEqualTo(1);
  }

  @Test
  void updateModeUpdatesWhatTheDestinationHasWhoeverCreatedItAndSkipsTheRest() throws Exception {
    // Segment's update: records the destination already has; c1 was created by another tool
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 1.0));
    CountingDestination destination = new CountingDestination(true, 100).having("c1");

    SyncReport report = f.sync(f.definition("vip", SyncMode.UPDATE, 100), destination);

    assertThat(report.acknowledged()).isEqualTo(1);
    assertThat(report.skippedMissing()).isEqualTo(1);
    assertThat(report.failed() + report.rejected()).isZero();
    assertThat(report.status()).isEqualTo("succeeded");
    assertThat(destination.deliveries(Operation.UPDATE, "c1")).isEqualTo(1);
    assertThat(destination.has("c2")).isFalse();
    List<Row> runs = f.warehouse.rows("_roundtrip", "sync_runs", "finished_at");
    assertThat(runs.get(0).<Long>getAs("skipped_missing")).isEqualTo(1);
  }

  @Test
  void aSkippedRecordIsLookedAtAgainOnlyWhenItChanges() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 1.0));
    CountingDestination destination = new CountingDestination(true, 100).having("c1");
    f.sync(f.definition("vip", SyncMode.UPDATE, 100), destination);

    SyncReport quiet = f.sync(f.definition("vip", SyncMode.UPDATE, 100), destination);
    assertThat(quiet.sent()).isZero();
    assertThat(quiet.unchanged()).isEqualTo(2);

    destination.having("c2"); // someone else created it meanwhile
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 2.0));
    SyncReport changed = f.sync(f.definition("vip", SyncMode.UPDATE, 100), destination);
    assertThat(changed.sent()).isEqualTo(1);
    assertThat(changed.acknowledged()).isEqualTo(1);
    assertThat(destination.lastFields("c2")).containsEntry("clv", 2.0);
  }

  @Test
  void anUpsertAfterUpdateModeCreatesTheRecordsTheUpdateSkipped() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 1.0));
    CountingDestination destination = new CountingDestination(true, 100).having("c1");
    f.sync(f.definition("vip", SyncMode.UPDATE, 100), destination);

    SyncReport upsert = f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination);

    assertThat(upsert.sent()).isEqualTo(1);
    assertThat(destination.deliveries(Operation.UPSERT, "c2")).isEqualTo(1);
  }

  @Test
  void mirrorDeletesOnlyTheRowsThisSyncCreated() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0));
    CountingDestination destination = new CountingDestination(true, 100);
    f.sync(f.definition("vip", SyncMode.MIRROR, 100), destination);
    f.model(customer("c2", "Bo", 20.0));
    SyncReport report = f.sync(f.definition("vip", SyncMode.MIRROR, 100), destination);

    assertThat(report.removed()).isEqualTo(1);
    assertThat(destination.deliveries(Operation.DELETE, "c1")).isEqualTo(1);
    assertThat(destination.deliveries(Operation.DELETE, "c2")).isZero();
    // c1 is gone from the state: coming back, it is added again
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0));
    assertThat(f.sync(f.definition("vip", SyncMode.MIRROR, 100), destination).added()).isEqualTo(1);
  }

  @Test
  void nullOrRepeatedKeysFailTheRunBeforeAnythingIsSent() {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c1", "Ada again", 11.0), new Object[] {null, "x@y", "X", 1.0},
        customer("c2", "Bo", 2.0));
    CountingDestination destination = new CountingDestination(true, 100);

    assertThatThrownBy(() -> f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination))
        .isInstanceOf(SyncValidationException.class)
        .hasMessageContaining("nothing was sent")
        .hasMessageContaining("1 rows have a null key")
        .hasMessageContaining("1 keys repeat, e.g. [c1]");
    assertThat(destination.batches()).isEmpty();
  }

  @Test
  void aRepeatedKeyFailsTheFirstRunAlsoWhenNoKeyIsNull() {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 2.0), customer("c2", "Bo again", 3.0));
    CountingDestination destination = new CountingDestination(true, 100);

    assertThatThrownBy(() -> f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination))
        .isInstanceOf(SyncValidationException.class)
        .hasMessageContaining("1 keys repeat, e.g. [c2]")
        .hasMessageNotContaining("null key");
    assertThat(destination.batches()).isEmpty();
  }

  @Test
  void rateLimitsAndServerErrorsAreRetriedWithBackoffHonouringRetryAfter() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0));
    CountingDestination destination = new CountingDestination(true, 100).thenAnswer(
        new RecordResult.Retry("HTTP 429", Duration.ofSeconds(7)), new RecordResult.Retry("HTTP 503", null));

    SyncReport report = f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination);

    assertThat(report.acknowledged()).isEqualTo(2);
    assertThat(destination.batches()).hasSize(3);
    assertThat(destination.deliveries(Operation.UPSERT, "c1")).isEqualTo(1);
    assertThat(f.clock.sleeps().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    assertThat(f.clock.sleeps()).hasSize(2);
    assertThat(report.decisions()).anyMatch(d -> d.contains("HTTP 429")).anyMatch(d -> d.contains("HTTP 503"));
  }

  @Test
  void recordsThatKeepFailingAreRetriedOnLaterRunsThenReportedAsPermanentlyFailed() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0));
    CountingDestination destination = new CountingDestination(true, 100)
        .thenAnswer(new RecordResult.Retry("HTTP 503", null), new RecordResult.Retry("HTTP 503", null),
            new RecordResult.Retry("HTTP 503", null), new RecordResult.Retry("HTTP 503", null));
    SyncReport first = f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination);
    assertThat(first.failed()).isEqualTo(1);
    assertThat(first.status()).isEqualTo("partial");

    // the next run sends it again (with its current values) and succeeds
    f.model(customer("c1", "Ada", 12.0));
    SyncReport second = f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination);
    assertThat(second.acknowledged()).isEqualTo(1);
    assertThat(destination.deliveries(Operation.UPSERT, "c1")).isEqualTo(1);
  }

  @Test
  void aRefusedBatchIsSplitUntilTheBadRecordStandsAloneAndIsReported() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 1.0), customer("c2", "Bo", 2.0), customer("c3", "Cy", -1.0),
        customer("c4", "Di", 4.0));
    CountingDestination destination = new CountingDestination(true, 100).refusing(r -> r.key().equals("c3"));

    for (int run = 1; run <= 4; run++) {
      SyncReport report = f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination);
      if (run == 1) {
        assertThat(report.acknowledged()).isEqualTo(3);
        assertThat(report.rejected()).isEqualTo(1);
      }
      if (run == 4) {
        // rejected in 3 runs in a row (max_failed_runs) and unchanged: left alone and reported
        assertThat(report.sent()).isZero();
        assertThat(report.permanentlyFailed()).isEqualTo(1);
      }
    }
    assertThat(destination.deliveries(Operation.UPSERT, "c3")).isZero();
    List<Row> errors = f.warehouse.warehouse().read(SyncHistory.ERRORS).orderBy("at").collectAsList();
    assertThat(errors).extracting(r -> r.getAs("key")).containsOnly("c3");
    assertThat(errors.get(0).<String>getAs("error")).isEqualTo("bad record in batch");
    assertThat(errors.get(0).<String>getAs("payload")).contains("\"email\":\"c3@example.com\"");
    assertThat(errors.get(errors.size() - 1).<Boolean>getAs("permanent")).isTrue();
    assertThat(f.warehouse.warehouse().read(SyncHistory.RUNS).count()).isEqualTo(4);
  }

  @Test
  void aKilledRunRerunDeliversEveryRecordExactlyOnceToANonIdempotentDestination() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 1.0), customer("c2", "Bo", 2.0), customer("c3", "Cy", 3.0),
        customer("c4", "Di", 4.0), customer("c5", "Ed", 5.0));
    CountingDestination destination = new CountingDestination(false, 2).crashAfter(2);

    assertThatThrownBy(() -> f.sync(f.definition("survey", SyncMode.INSERT, 2), destination))
        .isInstanceOf(CountingDestination.Crash.class);
    assertThat(destination.totalDeliveries()).isEqualTo(4);
    List<Row> runs = f.warehouse.rows("_roundtrip", "sync_runs", "finished_at");
    assertThat(runs).singleElement().satisfies(run -> {
      assertThat(run.<String>getAs("status")).isEqualTo("failed");
      // the second batch was applied but the run died before its answer: only its intents know
      assertThat(run.<Long>getAs("acknowledged")).isEqualTo(2);
      assertThat(run.<String>getAs("decisions")).contains("stopped: ");
    });

    destination.crashAfter(-1);
    SyncReport rerun = f.sync(f.definition("survey", SyncMode.INSERT, 2), destination);

    assertThat(rerun.added()).isEqualTo(1);
    for (String key : List.of("c1", "c2", "c3", "c4", "c5")) {
      assertThat(destination.deliveries(Operation.INSERT, key)).as(key).isEqualTo(1);
    }
    assertThat(f.sync(f.definition("survey", SyncMode.INSERT, 2), destination).sent()).isZero();
  }

  @Test
  void aTableWithAChangeFeedIsReadIncrementally() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0), customer("c3", "Cy", 30.0));
    f.onModel("ALTER TABLE MODEL SET TBLPROPERTIES (delta.enableChangeDataFeed = true)");
    CountingDestination destination = new CountingDestination(true, 100);
    assertThat(f.sync(f.definition("vip", SyncMode.MIRROR, 100), destination).extracted()).isEqualTo(3);

    f.onModel("UPDATE MODEL SET clv = 25.0 WHERE id = 'c2'");
    f.onModel("DELETE FROM MODEL WHERE id = 'c3'");
    SyncReport report = f.sync(f.definition("vip", SyncMode.MIRROR, 100), destination);

    assertThat(report.extracted()).isEqualTo(1); // c2; c3 is gone
    assertThat(report.changed()).isEqualTo(1);
    assertThat(report.removed()).isEqualTo(1);
    assertThat(report.unchanged()).isEqualTo(1);
    assertThat(report.decisions().get(0)).startsWith("read only the 1 rows the change feed showed changed");
    assertThat(destination.deliveries(Operation.UPSERT, "c2")).isEqualTo(2);
    assertThat(destination.lastFields("c2")).containsEntry("clv", 25.0).containsEntry("name", "Bo");
    assertThat(destination.deliveries(Operation.UPSERT, "c1")).isEqualTo(1);
    assertThat(destination.deliveries(Operation.DELETE, "c3")).isEqualTo(1);

    SyncReport quiet = f.sync(f.definition("vip", SyncMode.MIRROR, 100), destination);
    assertThat(quiet.extracted()).isZero();
    assertThat(quiet.sent()).isZero();
    assertThat(quiet.unchanged()).isEqualTo(2);
  }

  @Test
  void anInsertedRowRepeatingAKeyIsCaughtWhenReadingIncrementally() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0), customer("c3", "Cy", 30.0),
        customer("c4", "Di", 40.0));
    f.onModel("ALTER TABLE MODEL SET TBLPROPERTIES (delta.enableChangeDataFeed = true)");
    CountingDestination destination = new CountingDestination(true, 100);
    f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination);

    f.onModel("INSERT INTO MODEL VALUES ('c1', 'again@example.com', 'Ada again', 1.0)");

    assertThatThrownBy(() -> f.sync(f.definition("vip", SyncMode.UPSERT, 100), destination))
        .isInstanceOf(SyncValidationException.class).hasMessageContaining("1 keys repeat, e.g. [c1]");
    assertThat(destination.totalDeliveries()).isEqualTo(4);
  }

  @Test
  void anInterruptedRunStillLeavesAHistoryRowWithWhatWasAcknowledged() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 1.0), customer("c2", "Bo", 2.0), customer("c3", "Cy", 3.0),
        customer("c4", "Di", 4.0));
    CountingDestination destination = new CountingDestination(true, 2).blockAfter(1);
    SyncJob job = f.job();
    SyncPlan plan = job.plan(f.definition("vip", SyncMode.UPSERT, 2), destination, false);
    Throwable[] failure = new Throwable[1];
    Thread run = new Thread(() -> {
      try {
        job.run(plan, destination);
      } catch (Throwable e) {
        failure[0] = e;
      }
    });
    run.start();
    destination.awaitBlocked();

    run.interrupt(); // what a scheduler's kill of the task looks like to the code
    run.join(120_000);

    assertThat(run.isAlive()).isFalse();
    assertThat(failure[0]).isInstanceOf(InterruptedException.class);
    List<Row> runs = f.warehouse.rows("_roundtrip", "sync_runs", "finished_at");
    assertThat(runs).singleElement().satisfies(row -> {
      assertThat(row.<String>getAs("status")).isEqualTo("failed");
      assertThat(row.<Long>getAs("acknowledged")).isEqualTo(2);
      assertThat(row.<String>getAs("decisions")).contains("stopped: interrupted");
    });
    // the acknowledged half is in the state: the next run sends the other half only
    SyncReport next = f.sync(f.definition("vip", SyncMode.UPSERT, 2), new CountingDestination(true, 2));
    assertThat(next.added()).isEqualTo(2);
    assertThat(next.unchanged()).isEqualTo(2);
  }

  @Test
  void aDeferredRecordFailsThisRunWithoutRetriesAndIsSentAgainOnTheNext() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 1.0), customer("c2", "Bo", 2.0));
    boolean[] ready = {false};
    CountingDestination destination = new CountingDestination(true, 100)
        .deferring(record -> record.key().equals("c2") && !ready[0]);

    SyncReport first = f.sync(f.definition("conversions", SyncMode.INSERT, 100), destination);

    assertThat(first.acknowledged()).isEqualTo(1);
    assertThat(first.failed()).isEqualTo(1);
    assertThat(f.clock.sleeps()).isEmpty(); // waiting in the run would not bring c2's person
    assertThat(first.errors()).singleElement().satisfies(e -> assertThat(e.error()).isEqualTo("waiting for c2 to exist"));
    assertThat(first.decisions()).anyMatch(d -> d.startsWith("deferred 1 records to the next run"));

    ready[0] = true;
    SyncReport second = f.sync(f.definition("conversions", SyncMode.INSERT, 100), destination);
    assertThat(second.acknowledged()).isEqualTo(1);
    assertThat(destination.deliveries(Operation.INSERT, "c2")).isEqualTo(1);
  }

  @Test
  void mirrorOnAGroupAddsWhoEntersAndRemovesWhoLeavesWithTheFieldsTheKeyGives() throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0));
    java.util.Map<String, io.roundtrip.reverseetl.mapping.FieldMapping> fields = new java.util.LinkedHashMap<>();
    fields.put("email", new io.roundtrip.reverseetl.mapping.FieldMapping.Column("email"));
    fields.put("name", new io.roundtrip.reverseetl.mapping.FieldMapping.Column("name"));
    var definition = f.definition("vip_group", SyncMode.MIRROR, 100,
        new io.roundtrip.reverseetl.mapping.RecordMapper("vip_group", List.of("email"), fields, false));
    CountingDestination group = new CountingDestination(true, 100).supporting(Operation.ADD, Operation.REMOVE);
    f.sync(definition, group);
    f.model(customer("c2", "Bo", 20.0), customer("c3", "Cy", 30.0));

    SyncReport report = f.sync(definition, group);

    assertThat(report.added()).isEqualTo(1);
    assertThat(report.removed()).isEqualTo(1);
    assertThat(group.deliveries(Operation.ADD, "c3@example.com")).isEqualTo(1);
    assertThat(group.deliveries(Operation.REMOVE, "c1@example.com")).isEqualTo(1);
    assertThat(group.lastFields("c1@example.com")).containsExactly(java.util.Map.entry("email", "c1@example.com"));
    // c1 left the state: back in the model, it is added again
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0), customer("c3", "Cy", 30.0));
    assertThat(f.sync(definition, group).added()).isEqualTo(1);
  }

  @Test
  void aModeTheDestinationCannotCarryOutIsRefusedBeforeAnythingIsRead() {
    SyncFixture f = new SyncFixture(tmp);
    CountingDestination noGroupNoDelete = new CountingDestination(true, 100)
        .supporting(Operation.INSERT, Operation.UPDATE, Operation.UPSERT);

    assertThatThrownBy(() -> f.job().plan(f.definition("vip", SyncMode.MIRROR, 100), noGroupNoDelete, false))
        .isInstanceOf(UnsupportedModeException.class)
        .hasMessageContaining("mode mirror needs [UPSERT, DELETE] (a table) or [ADD, REMOVE] (a group or list)");
  }
}
