package io.roundtrip.reverseetl.sync;

import java.util.Set;

/**
 * Which of the model's rows a run sends: every row, when the plan knows without looking at each
 * that all are new (a first run), or the rows with the keys the diff picked.
 */
sealed interface RowsToSend {

  boolean includes(String key);

  boolean none();

  /** Every row of the model. */
  record Every() implements RowsToSend {
    @Override
    public boolean includes(String key) {
      return key != null;
    }

    @Override
    public boolean none() {
      return false;
    }
  }

  /** The rows with these keys. */
  record Keys(Set<String> keys) implements RowsToSend {
    @Override
    public boolean includes(String key) {
      return key != null && keys.contains(key);
    }

    @Override
    public boolean none() {
      return keys.isEmpty();
    }
  }
}
