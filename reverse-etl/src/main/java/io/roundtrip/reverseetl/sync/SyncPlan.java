package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.state.SyncState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run will send, decided before anything is sent: every model row's fingerprint compared
 * with the sync state. The records themselves are read when the run sends them, unless the plan
 * read few enough rows to hold them ({@code readAhead}).
 *
 * @param runId identifies the run in the history and the intents
 * @param state the state the plan was made against
 * @param modelVersion the version of the table model the plan read (the records are read at the
 *     same version); null for a query
 * @param incremental whether only the rows the table's change feed showed changed since the last
 *     run were read
 * @param extracted rows read from the model
 * @param counts records to send per operation, in the order the operations run
 * @param rowsToSend the model rows to send (deletes excluded)
 * @param deletes records this sync created whose rows left the model (mirror mode)
 * @param readAhead the records to send, when the plan read them already (a small incremental
 *     read); null when the run reads them from the model
 * @param permanentlyFailed keys left alone: they failed in as many runs in a row as allowed and
 *     have not changed since
 */
public record SyncPlan(String runId, SyncDefinition definition, SyncState state, boolean fullResync,
    Long modelVersion, boolean incremental, long extracted, long added, long changed, long removed, long unchanged,
    Map<Operation, Long> counts, RowsToSend rowsToSend, List<SyncRecord> deletes, List<SyncRecord> readAhead,
    Map<String, String> permanentlyFailed) {

  public SyncPlan {
    counts = new LinkedHashMap<>(counts);
  }

  public long toSend() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** How a row compares with what the destination acknowledged. */
  enum Change { ADDED, CHANGED, UNCHANGED, PERMANENTLY_FAILED }

  static Change change(SyncState state, SyncDefinition definition, boolean fullResync, String key, long hash) {
    SyncState.Failure failure = state.failures().get(key);
    if (failure != null && failure.runs() >= definition.maxFailedRuns() && failure.hash() == hash) {
      return Change.PERMANENTLY_FAILED;
    }
    SyncState.Entry entry = state.acknowledged().get(key);
    if (entry == null) {
      return Change.ADDED;
    }
    return entry.hash() != hash || fullResync ? Change.CHANGED : Change.UNCHANGED;
  }

  /** The operation the mode sends a row with, or null when it sends nothing for it. */
  static Operation operation(SyncMode mode, Change change) {
    boolean added = change == Change.ADDED;
    boolean changed = change == Change.CHANGED;
    return switch (mode) {
      case INSERT -> added ? Operation.INSERT : null;
      case UPDATE -> changed ? Operation.UPDATE : null;
      case UPSERT, MIRROR -> added || changed ? Operation.UPSERT : null;
      case ADD -> added || changed ? Operation.ADD : null;
      case REMOVE -> added ? Operation.REMOVE : null;
    };
  }

  /** The operation for a record read when sending (its values may be newer than the plan's). */
  Operation operationFor(SyncRecord record) {
    return operation(definition.mode(), change(state, definition, fullResync, record.key(), record.hash()));
  }
}
