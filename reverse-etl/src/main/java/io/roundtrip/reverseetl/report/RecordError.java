package io.roundtrip.reverseetl.report;

import java.util.Map;

/**
 * A record that failed in a run, as the history keeps it.
 *
 * @param operation the operation's name, lower case, or {@code skipped} for a record left alone
 * @param payload the fields sent (the history removes secrets before storing them)
 * @param permanent the record will not be retried until its values change
 */
public record RecordError(String key, String operation, String error, Map<String, Object> payload, boolean permanent) {}
