package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.mapping.RecordMapper;
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
 * @param operations what the mode sends with on this destination
 * @param mapper the mapping with its fields known (every model column when the sync has none)
 * @param state the state the plan was made against
 * @param modelVersion the version of the table model the plan read (the records are read at the
 *     same version); null for a query
 * @param incremental whether only the rows the table's change feed showed changed since the last
 *     run were read
 * @param extracted rows read from the model
 * @param counts records to send per operation, in the order the operations run
 * @param rowsToSend the model rows to send (removals excluded)
 * @param removals records this sync created whose rows left the model (mirror mode), with the
 *     fields their key gives ({@link RecordMapper#keyFields})
 * @param readAhead the records to send, when the plan read them already (a small incremental
 *     read); null when the run reads them from the model
 * @param permanentlyFailed keys left alone: they failed in as many runs in a row as allowed and
 *     have not changed since
 * @param keysChecked false when the plan counted the rows of a first run without checking their
 *     keys, because the run stages every row before anything is applied and checks them there
 */
public record SyncPlan(String runId, SyncDefinition definition, ModeOperations operations, RecordMapper mapper,
    SyncState state, boolean fullResync, Long modelVersion, boolean incremental, long extracted, long added,
    long changed, long removed, long unchanged, Map<Operation, Long> counts, RowsToSend rowsToSend,
    List<SyncRecord> removals, List<SyncRecord> readAhead, Map<String, String> permanentlyFailed,
    boolean keysChecked) {

  public SyncPlan {
    counts = new LinkedHashMap<>(counts);
  }

  public long toSend() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** How a row compares with what the destination acknowledged. */
  enum Change { ADDED, CHANGED, UNCHANGED, SKIPPED, PERMANENTLY_FAILED }

  static Change change(SyncState state, SyncDefinition definition, boolean fullResync, String key, long hash) {
    SyncState.Failure failure = state.failures().get(key);
    if (failure != null && failure.runs() >= definition.maxFailedRuns() && failure.hash() == hash) {
      return Change.PERMANENTLY_FAILED;
    }
    SyncState.Entry entry = state.acknowledged().get(key);
    if (entry == null) {
      Long skipped = state.skipped().get(key);
      return skipped != null && skipped == hash && !fullResync ? Change.SKIPPED : Change.ADDED;
    }
    return entry.hash() != hash || fullResync ? Change.CHANGED : Change.UNCHANGED;
  }

  /** The operation for a record read when sending (its values may be newer than the plan's). */
  Operation operationFor(SyncRecord record) {
    return operations.forChange(change(state, definition, fullResync, record.key(), record.hash()));
  }
}
