package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Operation;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which changes a sync sends, in the meaning Segment's Reverse ETL gives them: a mode says what
 * should happen in the destination, whoever created its records.
 */
public enum SyncMode {
  /** New rows only (never resends a row the destination acknowledged). */
  INSERT,
  /**
   * The records the destination already has, whoever created them: every new or changed row is
   * sent as an update, and the ones the destination does not have are skipped ({@code
   * skipped_missing}), not failed.
   */
  UPDATE,
  /** New and changed rows. */
  UPSERT,
  /**
   * The destination holds exactly the model: new and changed rows are sent, and the rows this
   * sync created that left the model are removed (deleted from a table, taken out of a list or
   * group).
   */
  MIRROR,
  /** Adds new (and changed) rows to a list, segment or group. */
  ADD,
  /** Takes the model's rows out of a list, segment or group. */
  REMOVE;

  /**
   * The operations this mode sends with on a destination that supports {@code supported}. Mirror
   * is upsert and delete on a destination that deletes (a table), add and remove on one that
   * keeps a group or list (Ambassador: who entered the audience is added, who left is removed).
   *
   * @throws UnsupportedModeException when the destination lacks an operation the mode needs
   */
  public ModeOperations operationsOn(Set<Operation> supported) {
    ModeOperations operations = switch (this) {
      case INSERT -> new ModeOperations(Operation.INSERT, null, null);
      case UPDATE -> new ModeOperations(Operation.UPDATE, Operation.UPDATE, null);
      case UPSERT -> new ModeOperations(Operation.UPSERT, Operation.UPSERT, null);
      case MIRROR -> supported.contains(Operation.UPSERT) && supported.contains(Operation.DELETE)
          ? new ModeOperations(Operation.UPSERT, Operation.UPSERT, Operation.DELETE)
          : new ModeOperations(Operation.ADD, Operation.ADD, Operation.REMOVE);
      case ADD -> new ModeOperations(Operation.ADD, Operation.ADD, null);
      case REMOVE -> new ModeOperations(Operation.REMOVE, null, null);
    };
    Set<Operation> missing = new TreeSet<>(operations.all());
    missing.removeAll(supported);
    if (!missing.isEmpty()) {
      String needs = this == MIRROR ? "[UPSERT, DELETE] (a table) or [ADD, REMOVE] (a group or list)"
          : missing.toString();
      throw new UnsupportedModeException("mode " + name().toLowerCase(Locale.ROOT) + " needs " + needs
          + ", which this destination does not support (it supports " + new TreeSet<>(supported) + ")");
    }
    return operations;
  }

  public static SyncMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown sync mode \"" + text
          + "\": use insert, update, upsert, mirror, add or remove");
    }
  }
}
