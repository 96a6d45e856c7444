package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.report.RecordError;
import io.roundtrip.reverseetl.state.StateChanges;
import io.roundtrip.reverseetl.state.SyncState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a run has delivered so far: the changes to the state (only acknowledged records enter it,
 * skipped ones are remembered apart), the records that failed and the counts. Fed by the sending
 * thread, one chunk at a time, or by a staged send once its apply statement committed, so a run
 * that stops half-way can still commit what was acknowledged. It keeps what changed, not a copy of
 * the whole state: a run that sends 1% of a big audience commits 1% of it.
 */
final class Delivery {

  private final SyncPlan plan;
  private final SyncState base;
  private Map<String, SyncState.Entry> acknowledged = new HashMap<>();
  private final Set<String> forgotten = new HashSet<>();
  private final Map<String, Long> skipped = new HashMap<>();
  private final Set<String> unskipped = new HashSet<>();
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
    this.base = plan.state();
    this.failures = new HashMap<>(base.failures());
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
   * The state entry a record gets once the destination acknowledges it through {@code operation}
   * (the ones a staged send builds as it reads the keys, so no second map of a million is made).
   */
  SyncState.Entry entryFor(Operation operation, String key, long hash) {
    SyncState.Entry before = base.acknowledged().get(key);
    return new SyncState.Entry(hash, before == null ? operation != Operation.UPDATE : before.created());
  }

  /**
   * What one statement applied: every record it carried ({@code entries}, from {@link #entryFor}),
   * except those the destination did not have ({@code missing}, in update mode).
   */
  synchronized void applied(Operation operation, Map<String, SyncState.Entry> entries, Set<String> missing,
      int statements) {
    requests += statements;
    sent += entries.size();
    for (String key : missing) {
      SyncState.Entry entry = entries.remove(key);
      if (entry != null) {
        skip(key, entry.hash());
      }
    }
    ok += entries.size();
    boolean fresh = base.isEmpty() && acknowledged.isEmpty() && skipped.isEmpty();
    if (fresh) {
      acknowledged = entries; // a first run: the entries are the state
      return;
    }
    entries.forEach((key, entry) -> {
      failures.remove(key);
      unskip(key);
      forgotten.remove(key);
      acknowledged.put(key, entry);
    });
  }

  private void acknowledge(Operation operation, String key, long hash) {
    ok++;
    failures.remove(key);
    unskip(key);
    if (operation == plan.operations().removal() || operation == Operation.DELETE) {
      // mirror: the row left the model and the destination no longer has it
      acknowledged.remove(key);
      if (base.acknowledged().containsKey(key)) {
        forgotten.add(key);
      }
      return;
    }
    forgotten.remove(key);
    if (operation == Operation.REMOVE) {
      acknowledged.put(key, new SyncState.Entry(hash, false));
      return;
    }
    SyncState.Entry before = acknowledged.containsKey(key) ? acknowledged.get(key) : base.acknowledged().get(key);
    boolean created = before == null ? operation != Operation.UPDATE : before.created();
    acknowledged.put(key, new SyncState.Entry(hash, created));
  }

  private void skip(String key, long hash) {
    skippedMissing++;
    failures.remove(key);
    unskipped.remove(key);
    skipped.put(key, hash);
  }

  private void unskip(String key) {
    skipped.remove(key);
    if (base.skipped().containsKey(key)) {
      unskipped.add(key);
    }
  }

  /** @param complete whether every planned record was sent (else the model version stays where it was) */
  synchronized StateChanges changes(boolean complete) {
    String modelVersion = !complete ? base.modelVersion()
        : plan.modelVersion() == null ? null : String.valueOf(plan.modelVersion());
    return new StateChanges(base.version() + 1, modelVersion, acknowledged, forgotten, skipped, unskipped, failures);
  }
}
