package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.history.SyncHistory;
import java.util.List;

/**
 * What a run did.
 *
 * @param status {@code succeeded} when every record sent was acknowledged, {@code partial} when
 *     some failed (they are retried on the next run)
 * @param failed records that may succeed on a later run
 * @param rejected records the destination refused as they are
 */
public record SyncReport(String runId, String sync, String status, long extracted, long added, long changed,
    long removed, long unchanged, long sent, long acknowledged, long failed, long rejected, long permanentlyFailed,
    int requests, long millis, List<String> decisions, List<SyncHistory.RecordError> errors) {}
