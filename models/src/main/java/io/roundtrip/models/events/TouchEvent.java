package io.roundtrip.models.events;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event of a person as the funnel and attribution models see it: a {@code track},
 * {@code page} or {@code screen} call reduced to what they match on.
 *
 * <p>Null property values are dropped on construction, so "absent" and "null" are the same thing
 * to every model (a warehouse row has a column for every property, mostly null).
 *
 * @param timestamp when it happened
 * @param kind {@code "track"}, {@code "page"} or {@code "screen"}
 * @param name for a track the event text (e.g. {@code "Order Completed"}); for a page or screen
 *     its name, may be null
 * @param path page path, may be null
 * @param url page url, may be null
 * @param properties string values of the event's properties and context fields, e.g.
 *     {@code context_campaign_name -> spring_sale}
 * @param revenue the event's revenue, 0 when it has none
 */
public record TouchEvent(
    Instant timestamp,
    String kind,
    String name,
    String path,
    String url,
    Map<String, String> properties,
    double revenue)
    implements Serializable {

  public static final String TRACK = "track";
  public static final String PAGE = "page";
  public static final String SCREEN = "screen";

  public TouchEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(kind, "kind");
    properties = withoutNulls(properties);
  }

  /** A track event without revenue. */
  public static TouchEvent track(Instant timestamp, String event, Map<String, String> properties) {
    return new TouchEvent(timestamp, TRACK, event, null, null, properties, 0);
  }

  /** A page view. */
  public static TouchEvent page(
      Instant timestamp, String name, String path, String url, Map<String, String> properties) {
    return new TouchEvent(timestamp, PAGE, name, path, url, properties, 0);
  }

  /** A screen view. */
  public static TouchEvent screen(Instant timestamp, String name, Map<String, String> properties) {
    return new TouchEvent(timestamp, SCREEN, name, null, null, properties, 0);
  }

  /** The same event with this revenue. */
  public TouchEvent withRevenue(double value) {
    return new TouchEvent(timestamp, kind, name, path, url, properties, value);
  }

  /** A property or context value, or null. */
  public String property(String key) {
    return properties.get(key);
  }

  /**
   * Fails unless the events are in time order, which every per-person model relies on; a silent
   * wrong order would give plausible but wrong numbers.
   *
   * @throws IllegalArgumentException naming the first event out of order
   */
  public static void requireSorted(List<TouchEvent> events) {
    for (int i = 1; i < events.size(); i++) {
      if (events.get(i).timestamp().isBefore(events.get(i - 1).timestamp())) {
        throw new IllegalArgumentException(
            "events must be sorted by time; event " + i + " at " + events.get(i).timestamp()
                + " comes before event " + (i - 1) + " at " + events.get(i - 1).timestamp());
      }
    }
  }

  private static Map<String, String> withoutNulls(Map<String, String> properties) {
    if (properties == null || properties.isEmpty()) {
      return Map.of();
    }
    // Map.copyOf rejects null values, and warehouse rows are full of them.
    Map<String, String> kept = new HashMap<>();
    properties.forEach((k, v) -> {
      if (k != null && v != null) {
        kept.put(k, v);
      }
    });
    return Map.copyOf(kept);
  }
}
