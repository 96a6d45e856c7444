package io.roundtrip.loaders.event;

import java.io.Serializable;

/**
 * A value that could not be stored: the event is kept, this one value is not. Lands in
 * {@code _roundtrip.discards} with the reason.
 */
public record Discard(String table, String column, String value, String reason) implements Serializable {}
