package io.roundtrip.reverseetl.state;

import java.util.Map;
import java.util.Set;

/**
 * What one run changed in a sync's state: the entries it added or replaced, the keys it forgot
 * (removed by mirror, deleted), the same for skipped keys, and the failures as they are now (they
 * are few). A run that sends 1% of a million-row audience changes 1% of the state; writing that,
 * not the whole state, is what keeps its commit small (see {@link StateStore#commit(String,
 * SyncState, StateChanges)}).
 *
 * @param version the state's version after the change (the base's plus one)
 * @param modelVersion the model version the next run reads changes after
 */
public record StateChanges(long version, String modelVersion, Map<String, SyncState.Entry> acknowledged,
    Set<String> forgotten, Map<String, Long> skipped, Set<String> unskipped, Map<String, SyncState.Failure> failures) {

  /** How many entries the change touches. */
  public long size() {
    return acknowledged.size() + forgotten.size() + skipped.size() + unskipped.size();
  }

  /** The state after this change (a new state; {@code base} is left as it was). */
  public SyncState applyTo(SyncState base) {
    Map<String, SyncState.Entry> entries;
    if (base.acknowledged().isEmpty()) {
      entries = acknowledged; // a first run: no copy of a million entries into another map
    } else {
      entries = new java.util.HashMap<>(base.acknowledged());
      forgotten.forEach(entries::remove);
      entries.putAll(acknowledged);
    }
    Map<String, Long> skips = new java.util.HashMap<>(base.skipped());
    unskipped.forEach(skips::remove);
    skips.putAll(skipped);
    return new SyncState(version, modelVersion, entries, skips, new java.util.HashMap<>(failures));
  }
}
