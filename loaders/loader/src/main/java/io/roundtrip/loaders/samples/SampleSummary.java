package io.roundtrip.loaders.samples;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link SampleArchiveGenerator#generate} wrote.
 *
 * @param events distinct valid events (each written once, plus any duplicate)
 * @param duplicates extra copies of valid events (client retries), not counted in {@code events}
 * @param badLines lines a loader must reject, not counted in {@code events}
 * @param files gzip files written
 * @param eventsByType distinct valid events per Segment call type ({@code track}, {@code page} ...),
 *     summing to {@code events}
 */
public record SampleSummary(long events, long duplicates, long badLines, int files, Map<String, Long> eventsByType) {

  public SampleSummary {
    // Sorted, so the summary prints the same way every run.
    eventsByType = Collections.unmodifiableMap(new TreeMap<>(eventsByType));
  }
}
