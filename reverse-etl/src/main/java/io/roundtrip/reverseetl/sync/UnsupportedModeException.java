package io.roundtrip.reverseetl.sync;

/**
 * The sync's mode needs an operation its destination does not have (mirror on an Ambassador
 * destination without a group, update on a webhook that only inserts...): a configuration error,
 * found before anything is read or sent.
 */
public final class UnsupportedModeException extends IllegalArgumentException {
  public UnsupportedModeException(String message) {
    super(message);
  }
}
