package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Operation;
import java.util.Locale;
import java.util.Set;

/** Which changes a sync sends. */
public enum SyncMode {
  /** New rows only (never resends a row the destination acknowledged). */
  INSERT,
  /** Changed rows whose key the destination acknowledged before. */
  UPDATE,
  /** New and changed rows. */
  UPSERT,
  /** New and changed rows, and deletes the rows this sync created that left the model. */
  MIRROR,
  /** Adds new (and changed) rows to a list, segment or group. */
  ADD,
  /** Takes the model's rows out of a list, segment or group. */
  REMOVE;

  /** The operations a destination must support for this mode. */
  public Set<Operation> operations() {
    return switch (this) {
      case INSERT -> Set.of(Operation.INSERT);
      case UPDATE -> Set.of(Operation.UPDATE);
      case UPSERT -> Set.of(Operation.UPSERT);
      case MIRROR -> Set.of(Operation.UPSERT, Operation.DELETE);
      case ADD -> Set.of(Operation.ADD);
      case REMOVE -> Set.of(Operation.REMOVE);
    };
  }

  public static SyncMode parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown sync mode \"" + text + "\": use insert, update, upsert, mirror, add or remove");
    }
  }
}
