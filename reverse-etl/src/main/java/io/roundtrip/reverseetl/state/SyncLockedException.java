package io.roundtrip.reverseetl.state;

/** Another run of the same sync holds its lock. */
public final class SyncLockedException extends IllegalStateException {
  public SyncLockedException(String message) {
    super(message);
  }
}
