package io.roundtrip.reverseetl.state;

import java.util.HashMap;
import java.util.Map;

/**
 * What one sync knows of its destination: for each key the destination acknowledged, the hash of
 * the fields it holds and whether this sync created the record (only those are deleted by mirror
 * mode); for each key that failed, how many runs it has failed in a row.
 *
 * @param version increases by one with every commit
 * @param modelVersion the version of the model table the last run read, when it is a Delta table
 *     (lets the next run read only the rows changed since); null otherwise
 */
public record SyncState(long version, String modelVersion, Map<String, Entry> acknowledged,
    Map<String, Failure> failures) {

  /** @param created this sync created the record (an insert), so mirror mode may delete it */
  public record Entry(long hash, boolean created) {}

  /** @param hash the content that failed; a changed record starts counting again */
  public record Failure(long hash, int runs, String reason) {}

  public static SyncState empty() {
    return new SyncState(0, null, new HashMap<>(), new HashMap<>());
  }
}
