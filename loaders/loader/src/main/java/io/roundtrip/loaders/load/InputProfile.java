package io.roundtrip.loaders.load;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the parsed files hold, before duplicates are known: counts per file, the tables the events
 * go to with the columns they need, and the span of their {@code received_at} (where the dedup
 * looks). Made from each chunk's own profile and merged on the driver.
 *
 * <p>Columns are profiled over every parsed event, duplicates included: a duplicate is a retry of
 * the same message, with the same fields as the event that is kept.
 */
final class InputProfile implements Serializable {

  final Map<Integer, FileCounts> files = new HashMap<>();
  final Set<String> tables = new HashSet<>();
  final ColumnProfile columns;
  long minReceivedAt = Long.MAX_VALUE;
  long maxReceivedAt = Long.MIN_VALUE;

  private InputProfile(ColumnProfile columns) {
    this.columns = columns;
  }

  static InputProfile of(EventChunk chunk) {
    InputProfile profile = new InputProfile(chunk.columns);
    FileCounts counts = new FileCounts();
    counts.lines = chunk.fileLines;
    counts.events = chunk.size;
    counts.rejects = chunk.rejects.size();
    counts.filtered = chunk.filteredLines;
    counts.filteredValues = chunk.filteredValues;
    profile.files.put(chunk.file, counts);
    for (int i = 0; i < chunk.size; i++) {
      profile.tables.addAll(chunk.tables(i));
      profile.minReceivedAt = Math.min(profile.minReceivedAt, chunk.receivedAt[i]);
      profile.maxReceivedAt = Math.max(profile.maxReceivedAt, chunk.receivedAt[i]);
    }
    return profile;
  }

  InputProfile merge(InputProfile other) {
    other.files.forEach((file, counts) -> files.merge(file, counts, FileCounts::merge));
    tables.addAll(other.tables);
    columns.merge(other.columns);
    minReceivedAt = Math.min(minReceivedAt, other.minReceivedAt);
    maxReceivedAt = Math.max(maxReceivedAt, other.maxReceivedAt);
    return this;
  }

  long lines() {
    return files.values().stream().mapToLong(f -> f.lines).sum();
  }

  long events() {
    return files.values().stream().mapToLong(f -> f.events).sum();
  }

  long rejects() {
    return files.values().stream().mapToLong(f -> f.rejects).sum();
  }

  long filtered() {
    return files.values().stream().mapToLong(f -> f.filtered).sum();
  }

  long filteredValues() {
    return files.values().stream().mapToLong(f -> f.filteredValues).sum();
  }

  /** Lines of one file by outcome; a line is an event, a reject, filtered, or blank. */
  static final class FileCounts implements Serializable {
    long lines = -1;
    long events;
    long rejects;
    long filtered;
    /** Payload values left out by selective sync (not lines: the events themselves load). */
    long filteredValues;

    FileCounts merge(FileCounts other) {
      lines = Math.max(lines, other.lines);
      events += other.events;
      rejects += other.rejects;
      filtered += other.filtered;
      filteredValues += other.filteredValues;
      return this;
    }
  }
}
