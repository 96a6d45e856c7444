package io.roundtrip.loaders.load;

/**
 * A load could not account for every line: a table's commit recorded a different number of rows
 * than the events that were new for it. The files are not recorded as loaded, so a re-run
 * completes the load.
 */
public final class LoadIntegrityException extends RuntimeException {
  public LoadIntegrityException(String message) {
    super(message);
  }
}
