package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.history.SyncHistory;
import io.roundtrip.reverseetl.state.SyncState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run has delivered so far: the next state (only acknowledged records enter it), the
 * records that failed and the counts. Fed by the sending thread, one chunk at a time, so a run
 * that stops half-way can still commit what was acknowledged.
 */
final class Delivery {

  private final SyncPlan plan;
  private final Map<String, SyncState.Entry> acknowledged;
  private final Map<String, SyncState.Failure> failures;
  final List<SyncHistory.RecordError> errors = new ArrayList<>();
  long sent;
  long ok;
  long failed;
  long rejected;
  int requests;

  Delivery(SyncPlan plan) {
    this.plan = plan;
    this.acknowledged = new HashMap<>(plan.state().acknowledged());
    this.failures = new HashMap<>(plan.state().failures());
  }

  /** Records without an outcome were not sent: the run stopped before their turn. */
  void record(Operation operation, List<SyncRecord> records, BatchSender.Outcome outcome) {
    requests += outcome.requests();
    for (SyncRecord record : records) {
      String key = record.key();
      boolean permanent = outcome.rejected().containsKey(key);
      if (!permanent && !outcome.failed().containsKey(key) && !outcome.acknowledged().contains(key)) {
        continue;
      }
      sent++;
      if (outcome.acknowledged().contains(key)) {
        ok++;
        failures.remove(key);
        switch (operation) {
          case DELETE -> acknowledged.remove(key);
          case REMOVE -> acknowledged.put(key, new SyncState.Entry(record.hash(), false));
          default -> {
            SyncState.Entry before = acknowledged.get(key);
            boolean created = before == null ? operation != Operation.UPDATE : before.created();
            acknowledged.put(key, new SyncState.Entry(record.hash(), created));
          }
        }
        continue;
      }
      String reason = permanent ? outcome.rejected().get(key) : outcome.failed().get(key);
      if (permanent) {
        rejected++;
      } else {
        failed++;
      }
      SyncState.Failure before = failures.get(key);
      int runs = before != null && before.hash() == record.hash() ? before.runs() + 1 : 1;
      failures.put(key, new SyncState.Failure(record.hash(), runs, reason));
      errors.add(new SyncHistory.RecordError(key, operation.name().toLowerCase(Locale.ROOT), reason, record.fields(),
          runs >= plan.definition().maxFailedRuns()));
    }
  }

  /** @param complete whether every planned record was sent (else the model version stays where it was) */
  SyncState nextState(boolean complete) {
    String modelVersion = !complete ? plan.state().modelVersion()
        : plan.modelVersion() == null ? null : String.valueOf(plan.modelVersion());
    return new SyncState(plan.state().version() + 1, modelVersion, acknowledged, failures);
  }
}
