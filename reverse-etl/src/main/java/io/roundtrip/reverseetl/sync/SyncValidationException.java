package io.roundtrip.reverseetl.sync;

/** The model cannot be synced as it is (null or repeated primary keys); nothing was sent. */
public final class SyncValidationException extends RuntimeException {
  public SyncValidationException(String message) {
    super(message);
  }
}
