package io.roundtrip.reverseetl.destination;

import java.io.Serializable;
import java.util.Map;

/**
 * One record as a destination receives it.
 *
 * @param key the model row's primary key (columns joined with a unit separator when several)
 * @param fields destination field -> value (String, Long, Double, Boolean, or a nested Map/List)
 * @param hash of the fields: what the sync state remembers of an acknowledged record
 * @param idempotencyKey the same for the same sync, key, operation and content: destinations that
 *     accept one (a webhook delivery, an Ambassador transaction) use it so a resent record is
 *     applied once
 */
public record SyncRecord(String key, Map<String, Object> fields, long hash, String idempotencyKey)
    implements Serializable {}
