package io.roundtrip.reverseetl.destination;

import java.time.Duration;

/** What happened to one record of a batch. */
public sealed interface RecordResult {

  /** The destination applied it. */
  record Ok() implements RecordResult {}

  /**
   * It was not applied and trying again may work (rate limit, server error, lost connection
   * before sending).
   *
   * @param retryAfter what the destination asked for (Retry-After), or null
   */
  record Retry(String reason, Duration retryAfter) implements RecordResult {}

  /**
   * It will not be applied as it is.
   *
   * @param wholeBatch the destination refused the batch without saying which record is at
   *     fault: the sender splits the batch to find out
   */
  record Rejected(String reason, boolean wholeBatch) implements RecordResult {}

  /**
   * The request may or may not have been applied (a timeout after a non-idempotent request was
   * sent): it is not resent blindly; the destination is asked first ({@link Destination#applied}).
   */
  record Unknown(String reason) implements RecordResult {}

  /**
   * Nothing was sent and nothing is wrong: the destination does not have the record and the
   * operation only changes what it has (an update of someone it does not know), or the record is
   * not one it takes (an event that no {@code events:} entry names). Not a failure; the record is
   * looked at again when it changes.
   */
  record Skipped(String reason) implements RecordResult {}

  /**
   * Not sent yet because something it depends on is not in the destination yet (a conversion of
   * someone the identify sync has not created). Not retried within the run: waiting does not
   * help; the next run tries again, and the record counts as failed until then.
   */
  record Deferred(String reason) implements RecordResult {}

  static RecordResult ok() {
    return new Ok();
  }
}
