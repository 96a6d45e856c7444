package io.roundtrip.loaders.event;

import java.io.Serializable;

/** A line that is not valid JSON or not a valid event. The raw text is kept whole. */
public record RejectedLine(int file, long line, String reason, String raw) implements ParsedLine, Serializable {}
