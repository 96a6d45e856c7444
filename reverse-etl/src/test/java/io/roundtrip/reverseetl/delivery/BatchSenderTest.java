package io.roundtrip.reverseetl.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.testing.CountingDestination;
import io.roundtrip.reverseetl.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchSenderTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> decisions = new ArrayList<>();

  private BatchSender sender(CountingDestination destination, int batchSize, int maxAttempts) {
    BackoffPolicy backoff = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), maxAttempts, Duration.ofMinutes(5));
    return new BatchSender(destination, new BatchSender.Options(batchSize, 0, backoff), clock, new Random(5), decisions::add);
  }

  private static List<SyncRecord> records(int n) {
    return IntStream.range(0, n).mapToObj(i -> new SyncRecord("k" + i, Map.of("n", (long) i), i, "idem-" + i)).toList();
  }

  @Test
  void batchesAreCutAtTheSmallerOfTheConfiguredAndTheDestinationsMaximum() throws Exception {
    CountingDestination destination = new CountingDestination(true, 3);
    BatchSender.Outcome outcome = sender(destination, 10, 3).send(Operation.UPSERT, records(7));
    assertThat(destination.batches()).extracting(List::size).containsExactly(3, 3, 1);
    assertThat(outcome.acknowledged()).hasSize(7);
    assertThat(outcome.requests()).isEqualTo(3);
  }

  @Test
  void aRefusedBatchIsSplitUntilTheBadRecordStandsAloneAndTheRestGoThrough() throws Exception {
    CountingDestination destination = new CountingDestination(true, 100).refusing(r -> r.key().equals("k5"));
    BatchSender.Outcome outcome = sender(destination, 8, 3).send(Operation.UPSERT, records(8));
    assertThat(outcome.rejected()).containsOnlyKeys("k5");
    assertThat(outcome.acknowledged()).hasSize(7).doesNotContain("k5");
    // 8 -> 4+4 -> 2+2 -> 1+1: three splits, every good record delivered once
    assertThat(outcome.splits()).isEqualTo(3);
    assertThat(IntStream.range(0, 8).filter(i -> i != 5)
        .map(i -> destination.deliveries(Operation.UPSERT, "k" + i))).containsOnly(1);
  }

  @Test
  void aRetryWaitsAtLeastRetryAfterAndThenSucceeds() throws Exception {
    CountingDestination destination = new CountingDestination(true, 100)
        .thenAnswer(new RecordResult.Retry("HTTP 429", Duration.ofSeconds(20)));
    BatchSender.Outcome outcome = sender(destination, 100, 3).send(Operation.UPSERT, records(4));
    assertThat(outcome.acknowledged()).hasSize(4);
    assertThat(outcome.retries()).isEqualTo(1);
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20));
  }

  @Test
  void afterTheLastAttemptRecordsAreFailedWithTheReasonForTheNextRun() throws Exception {
    RecordResult busy = new RecordResult.Retry("HTTP 503: busy", null);
    CountingDestination destination = new CountingDestination(true, 100).thenAnswer(busy, busy, busy);
    BatchSender.Outcome outcome = sender(destination, 100, 3).send(Operation.UPSERT, records(2));
    assertThat(outcome.failed()).containsEntry("k0", "HTTP 503: busy").containsEntry("k1", "HTTP 503: busy");
    assertThat(outcome.acknowledged()).isEmpty();
    assertThat(outcome.requests()).isEqualTo(3);
    assertThat(decisions).last().asString().contains("gave up on 2 records after 3 attempts");
  }

  @Test
  void anUnknownOutcomeOfANonIdempotentRequestIsCheckedBeforeAnythingIsResent() throws Exception {
    CountingDestination destination = new CountingDestination(false, 100);
    sender(destination, 100, 3).send(Operation.INSERT, records(2)); // applied: k0, k1
    destination.thenAnswer(new RecordResult.Unknown("timeout"));
    List<SyncRecord> again = new ArrayList<>(records(2));
    again.add(new SyncRecord("k9", Map.of(), 9, "idem-9"));

    BatchSender.Outcome outcome = sender(destination, 100, 3).send(Operation.INSERT, again);

    assertThat(outcome.acknowledged()).containsExactlyInAnyOrder("k0", "k1", "k9");
    assertThat(destination.deliveries(Operation.INSERT, "k0")).isEqualTo(1);
    assertThat(destination.deliveries(Operation.INSERT, "k9")).isEqualTo(1);
    assertThat(decisions).anyMatch(d -> d.contains("2 were applied"));
  }

  @Test
  void anUnknownOutcomeOfAnIdempotentRequestIsSimplyRetried() throws Exception {
    CountingDestination destination = new CountingDestination(true, 100).thenAnswer(new RecordResult.Unknown("reset"));
    BatchSender.Outcome outcome = sender(destination, 100, 3).send(Operation.UPSERT, records(3));
    assertThat(outcome.acknowledged()).hasSize(3);
    assertThat(outcome.retries()).isEqualTo(1);
  }
}
