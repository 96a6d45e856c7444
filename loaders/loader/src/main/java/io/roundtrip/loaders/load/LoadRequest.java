package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.EventFilter;
import java.time.Duration;
import java.time.LocalDate;

/**
 * What to load and how.
 *
 * @param source the warehouse namespace the tables go to
 * @param input a file or a folder (searched recursively)
 * @param dedupWindow how far around the new events' {@code received_at} to look for messageIds
 *     already in the warehouse; null compares against the whole table
 * @param parallelWrites how many tables are committed at once
 * @param filter selective sync: which events and properties load
 * @param reloadSince when set, files of archive days from this one on are read again even though
 *     loaded (to backfill events a changed filter now includes); what they hold that is loaded
 *     already is a duplicate, as always
 */
public record LoadRequest(String source, String input, Duration dedupWindow, int parallelWrites,
    EventFilter filter, LocalDate reloadSince) {

  /**
   * Segment's data lakes dedup over 7 days; retries and replays of an archive day arrive well
   * within that, and a window keeps the comparison from reading a whole table that only grows.
   */
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofDays(7);

  public static final int DEFAULT_PARALLEL_WRITES = 4;

  public LoadRequest {
    if (source == null || !source.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("Invalid source name \"" + source
          + "\": use lower-case letters, digits and _, starting with a letter");
    }
    if (source.startsWith("_roundtrip")) {
      throw new IllegalArgumentException("Invalid source name \"" + source + "\": _roundtrip is the loader's own");
    }
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("No input given");
    }
    if (dedupWindow != null && dedupWindow.isNegative()) {
      throw new IllegalArgumentException("Invalid dedup window " + dedupWindow + ": must not be negative");
    }
    if (parallelWrites < 1) {
      throw new IllegalArgumentException("Invalid parallel writes " + parallelWrites + ": must be at least 1");
    }
    filter = filter == null ? EventFilter.NONE : filter;
  }

  public LoadRequest(String source, String input, Duration dedupWindow, int parallelWrites) {
    this(source, input, dedupWindow, parallelWrites, EventFilter.NONE, null);
  }

  public static LoadRequest of(String source, String input) {
    return new LoadRequest(source, input, DEFAULT_DEDUP_WINDOW, DEFAULT_PARALLEL_WRITES);
  }
}
