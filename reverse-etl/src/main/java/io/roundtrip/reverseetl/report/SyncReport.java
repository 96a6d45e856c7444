package io.roundtrip.reverseetl.report;

import java.util.List;

/**
 * What a run did.
 *
 * @param status {@code succeeded} when every record sent was acknowledged (or skipped), {@code
 *     partial} when some failed (they are retried on the next run), {@code failed} when the run
 *     stopped
 * @param acknowledged records the destination applied
 * @param skippedMissing records the destination did not take and that are no failure: an update of
 *     a record it does not have, an event no {@code events:} entry names
 * @param failed records that may succeed on a later run (deferred ones included)
 * @param rejected records the destination refused as they are
 */
public record SyncReport(String runId, String sync, String status, long extracted, long added, long changed,
    long removed, long unchanged, long sent, long acknowledged, long skippedMissing, long failed, long rejected,
    long permanentlyFailed, int requests, long millis, List<String> decisions, List<RecordError> errors) {}
