package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.FileEnd;
import io.roundtrip.loaders.event.FlatEvent;
import io.roundtrip.loaders.event.ParsedLine;
import io.roundtrip.loaders.event.RejectedLine;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first pass over the parsed lines, before duplicates are known: counts per file, the tables
 * the events go to, and the span of their {@code received_at} (where the dedup looks). Computed
 * per partition and merged on the driver.
 */
final class InputProfile implements Serializable {

  final Map<Integer, FileCounts> files = new HashMap<>();
  final Set<String> tables = new HashSet<>();
  long minReceivedAt = Long.MAX_VALUE;
  long maxReceivedAt = Long.MIN_VALUE;

  static Iterator<InputProfile> of(Iterator<ParsedLine> lines) {
    InputProfile profile = new InputProfile();
    lines.forEachRemaining(profile::add);
    return List.of(profile).iterator();
  }

  private void add(ParsedLine line) {
    FileCounts counts = files.computeIfAbsent(line.file(), f -> new FileCounts());
    if (line instanceof RejectedLine) {
      counts.rejects++;
    } else if (line instanceof FileEnd end) {
      counts.lines = end.line();
    } else if (line instanceof FlatEvent e) {
      counts.events++;
      tables.add(e.type().table());
      if (e.eventTable() != null) {
        tables.add(e.eventTable());
      }
      minReceivedAt = Math.min(minReceivedAt, e.receivedAt());
      maxReceivedAt = Math.max(maxReceivedAt, e.receivedAt());
    }
  }

  InputProfile merge(InputProfile other) {
    other.files.forEach((file, counts) -> files.merge(file, counts, FileCounts::merge));
    tables.addAll(other.tables);
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

  /** Lines of one file by outcome; a line is an event, a reject, or blank. */
  static final class FileCounts implements Serializable {
    long lines;
    long events;
    long rejects;

    FileCounts merge(FileCounts other) {
      lines = Math.max(lines, other.lines);
      events += other.events;
      rejects += other.rejects;
      return this;
    }
  }
}
