package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.state.StateStore;
import io.roundtrip.reverseetl.state.SyncState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies what a stopped run left behind: the intents it wrote before sending through an
 * operation that is not idempotent are checked with the destination ({@link Destination#applied}),
 * and what it applied enters the state, so nothing it delivered is sent again.
 */
final class IntentReconciler {

  private final StateStore store;

  IntentReconciler(StateStore store) {
    this.store = store;
  }

  /** The sync's state with the stopped run's applied intents in it (committed, intents cleared). */
  SyncState reconcile(SyncDefinition definition, Destination destination) {
    SyncState state = store.load(definition.name());
    List<StateStore.Intent> pending = store.pendingIntents(definition.name());
    if (pending.isEmpty()) {
      return state;
    }
    Map<Operation, List<SyncRecord>> byOperation = new LinkedHashMap<>();
    for (StateStore.Intent intent : pending) {
      SyncState.Entry known = state.acknowledged().get(intent.record().key());
      if (known != null && known.hash() == intent.record().hash()) {
        continue; // acknowledged before the run stopped
      }
      byOperation.computeIfAbsent(intent.operation(), o -> new ArrayList<>()).add(intent.record());
    }
    Map<String, SyncState.Entry> acknowledged = new HashMap<>(state.acknowledged());
    byOperation.forEach((operation, records) -> {
      Set<String> applied = destination.applied(operation, records);
      for (SyncRecord record : records) {
        if (applied.contains(record.key())) {
          acknowledged.put(record.key(), new SyncState.Entry(record.hash(), operation == Operation.INSERT));
        }
      }
    });
    SyncState reconciled = new SyncState(state.version() + 1, state.modelVersion(), acknowledged, state.skipped(),
        state.failures());
    store.commit(definition.name(), reconciled);
    store.clearIntents(definition.name());
    return reconciled;
  }
}
