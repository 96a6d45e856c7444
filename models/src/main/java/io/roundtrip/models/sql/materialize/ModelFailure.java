package io.roundtrip.models.sql.materialize;

/** A model that cannot be built as it is (bad keys, a schema change it may not make); nothing was written. */
public final class ModelFailure extends RuntimeException {
  public ModelFailure(String message) {
    super(message);
  }
}
