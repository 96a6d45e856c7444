package io.roundtrip.loaders.samples;

import java.time.LocalDate;

/**
 * What to generate. Two runs with equal options write byte-identical archives.
 *
 * @param events distinct valid events to write, exactly
 * @param users size of the population the events are spread over
 * @param days consecutive UTC days, one archive folder each
 * @param seed the only source of randomness
 * @param duplicateRate chance that a valid event is also written a second time (a client retry)
 * @param badLineRate chance, per valid event, that an invalid line is written next to it
 * @param startDay the first day
 * @param sourceId the Segment source, which names the archive's folder
 * @param eventTypes 0 for the realistic mix of calls; N for track calls only, spread evenly over N
 *     event names ({@code Custom Event 1} to {@code Custom Event N}) with the same few properties:
 *     what measures a load's cost per table it touches
 */
public record SampleOptions(long events, int users, int days, long seed, double duplicateRate, double badLineRate,
    LocalDate startDay, String sourceId, int eventTypes) {

  public SampleOptions {
    if (events <= 0) {
      throw new IllegalArgumentException("events must be > 0, was " + events);
    }
    if (users <= 0) {
      throw new IllegalArgumentException("users must be > 0, was " + users);
    }
    if (days <= 0) {
      throw new IllegalArgumentException("days must be > 0, was " + days);
    }
    if (events / days > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("events must be at most " + (Integer.MAX_VALUE / 2) + " per day, was "
          + events + " over " + days + " days");
    }
    checkRate("duplicateRate", duplicateRate);
    checkRate("badLineRate", badLineRate);
    if (startDay == null) {
      throw new IllegalArgumentException("startDay must be set");
    }
    if (startDay.getYear() < 1970 || startDay.plusDays(days).getYear() > 9999) {
      throw new IllegalArgumentException("startDay and days must stay within the years 1970 to 9999, were "
          + startDay + " and " + days);
    }
    if (eventTypes < 0) {
      throw new IllegalArgumentException("eventTypes must be >= 0, was " + eventTypes);
    }
    if (sourceId == null || sourceId.isBlank() || sourceId.equals(".") || sourceId.equals("..")
        || sourceId.contains("/") || sourceId.contains("\\")) {
      throw new IllegalArgumentException("sourceId must be a non-blank folder name, was \"" + sourceId + "\"");
    }
  }

  /**
   * {@code events} over 30 days from 2026-01-01 for the "js-web" source, one user per 25 events
   * (at least 10), seed 42, 1% duplicates and 0.1% bad lines.
   */
  public static SampleOptions defaults(long events) {
    int users = (int) Math.min(Integer.MAX_VALUE, Math.max(10, events / 25));
    return new SampleOptions(events, users, 30, 42, 0.01, 0.001, LocalDate.of(2026, 1, 1), "js-web", 0);
  }

  public SampleOptions withEventTypes(int types) {
    return new SampleOptions(events, users, days, seed, duplicateRate, badLineRate, startDay, sourceId, types);
  }

  private static void checkRate(String name, double rate) {
    // Written so that NaN fails too.
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
    }
  }
}
