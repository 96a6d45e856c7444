package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Operation;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operations a mode sends with on one destination (see {@link SyncMode#operationsOn}).
 *
 * @param added for a row the sync has not delivered before (for update mode too: the destination
 *     may have it from elsewhere)
 * @param changed for a row whose values changed since the destination acknowledged it; null
 *     when the mode leaves such rows alone
 * @param removal for a row this sync created that left the model (mirror mode); null otherwise
 */
public record ModeOperations(Operation added, Operation changed, Operation removal) {

  Set<Operation> all() {
    Set<Operation> all = EnumSet.of(added);
    if (changed != null) {
      all.add(changed);
    }
    if (removal != null) {
      all.add(removal);
    }
    return all;
  }

  /** The operation for a row, or null when the mode sends nothing for it. */
  Operation forChange(SyncPlan.Change change) {
    return switch (change) {
      case ADDED -> added;
      case CHANGED -> changed;
      // skipped by an update (the destination did not have it): a mode that creates sends it now
      case SKIPPED -> added == Operation.UPSERT || added == Operation.ADD ? added : null;
      case UNCHANGED, PERMANENTLY_FAILED -> null;
    };
  }

  /** Whether records the destination skipped are sent again under this mode (see {@link #forChange}). */
  boolean sendsSkipped() {
    return forChange(SyncPlan.Change.SKIPPED) != null;
  }
}
