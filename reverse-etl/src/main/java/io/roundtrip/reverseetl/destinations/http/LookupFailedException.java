package io.roundtrip.reverseetl.destinations.http;

import io.roundtrip.reverseetl.destination.RecordResult;

/**
 * A destination could not find out what it needed to (whether a record was applied, the id of a
 * contact): thrown by {@link io.roundtrip.reverseetl.destination.Destination#applied}, whose
 * answer cannot say "don't know". The message is already redacted.
 */
public final class LookupFailedException extends RuntimeException {

  private final transient RecordResult result;

  public LookupFailedException(String message, RecordResult result) {
    super(message);
    this.result = result;
  }

  /** What the failed lookup request came to (Retry for a transient failure). */
  public RecordResult result() {
    return result;
  }
}
