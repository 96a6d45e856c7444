package io.roundtrip.loaders.event;

import java.io.Serializable;

/**
 * Emitted once after the last line of a file, so that counts per file ("lines in = rows + rejects
 * + duplicates + blank lines") can be checked without a second read.
 *
 * @param line the number of lines the file had
 */
public record FileEnd(int file, long line) implements ParsedLine, Serializable {}
