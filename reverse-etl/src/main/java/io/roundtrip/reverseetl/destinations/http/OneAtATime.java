package io.roundtrip.reverseetl.destinations.http;

import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sends a batch as one request per record, for APIs without a batch endpoint.
 *
 * <p>After the first Retry or Unknown (rate limit, server error, timeout) the rest of the batch is
 * not sent: hammering an API that just said "slow down" or "I am down" only makes it worse, and
 * the engine owns the backoff. Those records were never sent, so they are reported as Retry (safe
 * to resend even for a non-idempotent operation) with the same {@code Retry-After}. A rejected
 * record does not stop the batch: its neighbours are unaffected.
 */
public final class OneAtATime {

  private OneAtATime() {}

  public static List<RecordResult> send(List<SyncRecord> batch, Function<SyncRecord, RecordResult> sendOne) {
    List<RecordResult> results = new ArrayList<>(batch.size());
    RecordResult stoppedBy = null;
    for (SyncRecord record : batch) {
      if (stoppedBy != null) {
        results.add(notSent(stoppedBy));
        continue;
      }
      RecordResult result = sendOne.apply(record);
      results.add(result);
      if (RecordResults.transientFailure(result)) {
        stoppedBy = result;
      }
    }
    return results;
  }

  private static RecordResult notSent(RecordResult cause) {
    String reason = "not sent: an earlier request of this batch failed (" + RecordResults.reason(cause) + ")";
    return new RecordResult.Retry(reason, cause instanceof RecordResult.Retry retry ? retry.retryAfter() : null);
  }
}
