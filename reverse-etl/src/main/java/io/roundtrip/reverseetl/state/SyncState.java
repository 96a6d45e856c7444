package io.roundtrip.reverseetl.state;

import java.util.HashMap;
import java.util.Map;

/**
 * What one sync knows of its destination: for each key the destination acknowledged, the hash of
 * the fields it holds and whether this sync created the record (only those are deleted or taken
 * out of the group by mirror mode); for each key the destination skipped (it did not have the
 * record, in update mode), the hash that was skipped; for each key that failed, how many runs it
 * has failed in a row.
 *
 * @param version increases by one with every commit
 * @param modelVersion the version of the model table the last run read, when it is a Delta table
 *     (lets the next run read only the rows changed since); null otherwise
 * @param skipped key -> hash of the record the destination skipped; it is looked at again when
 *     its hash changes (or on a full resync)
 */
public record SyncState(long version, String modelVersion, Map<String, Entry> acknowledged,
    Map<String, Long> skipped, Map<String, Failure> failures) {

  /** @param created this sync created the record (an insert, or an add), so mirror mode may remove it */
  public record Entry(long hash, boolean created) {}

  /** @param hash the content that failed; a changed record starts counting again */
  public record Failure(long hash, int runs, String reason) {}

  public static SyncState empty() {
    return new SyncState(0, null, new HashMap<>(), new HashMap<>(), new HashMap<>());
  }

  /** Whether this sync has never delivered, skipped or failed a record. */
  public boolean isEmpty() {
    return acknowledged.isEmpty() && skipped.isEmpty() && failures.isEmpty();
  }
}
