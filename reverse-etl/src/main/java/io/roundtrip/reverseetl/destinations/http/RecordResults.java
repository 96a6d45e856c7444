package io.roundtrip.reverseetl.destinations.http;

import io.roundtrip.reverseetl.destination.RecordResult;

/** Small rewrites of a {@link RecordResult} that keep its kind and retry hint. */
public final class RecordResults {

  private RecordResults() {}

  /**
   * For a request that carried a single record: the classifier marks a 4xx as a whole-batch
   * refusal so a batch gets split, but a one-record request has nothing to split.
   */
  public static RecordResult forOneRecord(RecordResult result) {
    if (result instanceof RecordResult.Rejected rejected && rejected.wholeBatch()) {
      return new RecordResult.Rejected(rejected.reason(), false);
    }
    return result;
  }

  /** The same outcome with another reason (an API's own error text instead of the raw body). */
  public static RecordResult withReason(RecordResult result, String reason) {
    if (result instanceof RecordResult.Retry retry) {
      return new RecordResult.Retry(reason, retry.retryAfter());
    }
    if (result instanceof RecordResult.Rejected rejected) {
      return new RecordResult.Rejected(reason, rejected.wholeBatch());
    }
    if (result instanceof RecordResult.Unknown) {
      return new RecordResult.Unknown(reason);
    }
    if (result instanceof RecordResult.Skipped) {
      return new RecordResult.Skipped(reason);
    }
    if (result instanceof RecordResult.Deferred) {
      return new RecordResult.Deferred(reason);
    }
    return result;
  }

  /** Retry or Unknown: the API or the connection is in trouble, not the record. */
  public static boolean transientFailure(RecordResult result) {
    return result instanceof RecordResult.Retry || result instanceof RecordResult.Unknown;
  }

  public static String reason(RecordResult result) {
    if (result instanceof RecordResult.Retry retry) {
      return retry.reason();
    }
    if (result instanceof RecordResult.Rejected rejected) {
      return rejected.reason();
    }
    if (result instanceof RecordResult.Unknown unknown) {
      return unknown.reason();
    }
    if (result instanceof RecordResult.Skipped skipped) {
      return skipped.reason();
    }
    if (result instanceof RecordResult.Deferred deferred) {
      return deferred.reason();
    }
    return "ok";
  }
}
