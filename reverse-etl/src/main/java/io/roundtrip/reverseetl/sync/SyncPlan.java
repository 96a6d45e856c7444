package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.state.SyncState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run will send, decided before anything is sent: the model compared with the sync state.
 *
 * @param runId identifies the run in the history and the intents
 * @param state the state the plan was made against
 * @param modelVersion the model table's version that was read, or null
 * @param sends operation -> records, in the order they are sent
 * @param permanentlyFailed keys left alone: they failed in as many runs in a row as allowed and
 *     have not changed since
 */
public record SyncPlan(String runId, SyncDefinition definition, SyncState state, String modelVersion,
    long extracted, long added, long changed, long removed, long unchanged,
    Map<Operation, List<SyncRecord>> sends, Map<String, String> permanentlyFailed) {

  public SyncPlan {
    sends = new LinkedHashMap<>(sends);
  }

  public long toSend() {
    return sends.values().stream().mapToLong(List::size).sum();
  }

  /** Counts per operation, for a dry run. */
  public Map<Operation, Integer> counts() {
    Map<Operation, Integer> counts = new LinkedHashMap<>();
    sends.forEach((operation, records) -> counts.put(operation, records.size()));
    return counts;
  }
}
