package io.roundtrip.loaders.event;

import java.io.Serializable;

/** A line left out by selective sync ({@link EventFilter}): counted, never loaded. */
public record FilteredLine(int file, long line) implements ParsedLine, Serializable {}
