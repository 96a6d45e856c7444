package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.report.RecordError;
import io.roundtrip.reverseetl.state.SyncState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a run has delivered so far: the next state (only acknowledged records enter it, skipped
 * ones are remembered apart), the records that failed and the counts. Fed by the sending thread,
 * one chunk at a time, or by a staged send once its apply statement committed, so a run that
 * stops half-way can still commit what was acknowledged.
 */
final class Delivery {

  private final SyncPlan plan;
  private final Map<String, SyncState.Entry> acknowledged;
  private final Map<String, Long> skipped;
  private final Map<String, SyncState.Failure> failures;
  final List<RecordError> errors = new ArrayList<>();
  long sent;
  long ok;
  long skippedMissing;
  long failed;
  long rejected;
  int requests;

  Delivery(SyncPlan plan) {
    this.plan = plan;
    this.acknowledged = new HashMap<>(plan.state().acknowledged());
    this.skipped = new HashMap<>(plan.state().skipped());
    this.failures = new HashMap<>(plan.state().failures());
  }

  /** Records without an outcome were not sent: the run stopped before their turn. */
  synchronized void record(Operation operation, List<SyncRecord> records, BatchSender.Outcome outcome) {
    requests += outcome.requests();
    for (SyncRecord record : records) {
      String key = record.key();
      if (outcome.acknowledged().contains(key)) {
        sent++;
        acknowledge(operation, key, record.hash());
        continue;
      }
      String skippedBecause = outcome.skipped().get(key);
      if (skippedBecause != null) {
        sent++;
        skip(key, record.hash());
        continue;
      }
      boolean permanent = outcome.rejected().containsKey(key);
      if (!permanent && !outcome.failed().containsKey(key)) {
        continue;
      }
      sent++;
      String reason = permanent ? outcome.rejected().get(key) : outcome.failed().get(key);
      if (permanent) {
        rejected++;
      } else {
        failed++;
      }
      SyncState.Failure before = failures.get(key);
      int runs = before != null && before.hash() == record.hash() ? before.runs() + 1 : 1;
      failures.put(key, new SyncState.Failure(record.hash(), runs, reason));
      errors.add(new RecordError(key, operation.name().toLowerCase(Locale.ROOT), reason, record.fields(),
          runs >= plan.definition().maxFailedRuns()));
    }
  }

  /**
   * What one statement applied: every record it carried ({@code hashes}: key -> fingerprint),
   * except those the destination did not have ({@code missing}, in update mode).
   */
  synchronized void applied(Operation operation, Map<String, Long> hashes, Set<String> missing, int statements) {
    requests += statements;
    hashes.forEach((key, hash) -> {
      sent++;
      if (missing.contains(key)) {
        skip(key, hash);
      } else {
        acknowledge(operation, key, hash);
      }
    });
  }

  private void acknowledge(Operation operation, String key, long hash) {
    ok++;
    failures.remove(key);
    skipped.remove(key);
    if (operation == plan.operations().removal()) {
      acknowledged.remove(key); // mirror: the row left the model and the destination no longer has it
      return;
    }
    switch (operation) {
      case DELETE -> acknowledged.remove(key);
      case REMOVE -> acknowledged.put(key, new SyncState.Entry(hash, false));
      default -> {
        SyncState.Entry before = acknowledged.get(key);
        boolean created = before == null ? operation != Operation.UPDATE : before.created();
        acknowledged.put(key, new SyncState.Entry(hash, created));
      }
    }
  }

  private void skip(String key, long hash) {
    skippedMissing++;
    failures.remove(key);
    skipped.put(key, hash);
  }

  /** @param complete whether every planned record was sent (else the model version stays where it was) */
  synchronized SyncState nextState(boolean complete) {
    String modelVersion = !complete ? plan.state().modelVersion()
        : plan.modelVersion() == null ? null : String.valueOf(plan.modelVersion());
    return new SyncState(plan.state().version() + 1, modelVersion, acknowledged, skipped, failures);
  }
}
