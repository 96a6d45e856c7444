package io.roundtrip.models.funnels;

import io.roundtrip.models.events.TouchEvent;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One step of a funnel: which events of a person count as "did this step".
 *
 * <p>A step matches an event of one kind ({@code track}, {@code page} or {@code screen}) by one of
 * its fields (a track's event text is its name; a page has a name, path and url; a screen only a
 * name), compared by {@link Match}, and then every property filter must hold (the property's
 * value equals the given text exactly).
 *
 * <h2>Step strings</h2>
 *
 * The ad hoc CLI writes steps as strings, read by {@link #parse(String)}:
 *
 * <pre>
 * step    = target [ "[" filter *( "," filter ) "]" ]
 * target  = event                       ; a track event by name, e.g. Order Completed
 *         | "track:" event              ; the same, for event names that look like a kind prefix
 *         | "page:" [ field "=" ] pattern
 *         | "screen:" [ "name=" ] pattern
 * field   = "name" | "path" | "url"    ; page default: path if the pattern starts with "/", else name
 * pattern = text                        ; equals
 *         | text "*"                    ; starts with
 *         | "*" text "*"                ; contains
 * filter  = property "=" value          ; property equals value, e.g. coupon=SPRING
 * </pre>
 *
 * Examples: {@code Order Completed}, {@code page:/store*} (path starts with /store),
 * {@code page:name=Home}, {@code page:url=*utm_source=news*}, {@code screen:Cart},
 * {@code Order Completed[coupon=SPRING]}. Text before the first {@code :} made only of lowercase
 * letters is read as a kind, so a typo such as {@code pgae:/store} is an error instead of a track
 * event nobody sends; Segment event names are Title Case, and {@code track:} covers the rest.
 * Comparisons are case-sensitive, like Segment's own names. Spaces around parts are trimmed.
 *
 * @param label the name the step is reported under
 * @param kind {@code track}, {@code page} or {@code screen}
 * @param field which field of the event is compared
 * @param match how it is compared
 * @param value what it is compared with
 * @param filters property name to the exact value it must have
 */
public record FunnelStep(
    String label, String kind, Field field, Match match, String value, Map<String, String> filters)
    implements Serializable {

  /** The event field a step compares. */
  public enum Field {
    NAME,
    PATH,
    URL
  }

  /** How a step compares the field with its value. */
  public enum Match {
    EQUALS,
    PREFIX,
    CONTAINS
  }

  public FunnelStep {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(match, "match");
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a funnel step needs a value to match");
    }
    if (!kind.equals(TouchEvent.TRACK) && !kind.equals(TouchEvent.PAGE)
        && !kind.equals(TouchEvent.SCREEN)) {
      throw new IllegalArgumentException("unknown step kind '" + kind + "'");
    }
    if (!kind.equals(TouchEvent.PAGE) && field != Field.NAME) {
      throw new IllegalArgumentException("a " + kind + " step can only match on the name");
    }
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    if (label == null) {
      label = spec(kind, field, match, value, filters);
    }
  }

  /** A track event by its exact name. */
  public static FunnelStep track(String event) {
    return new FunnelStep(event, TouchEvent.TRACK, Field.NAME, Match.EQUALS, event, Map.of());
  }

  /** A page view whose field matches; labelled with its step string until {@link #named}. */
  public static FunnelStep page(Field field, Match match, String value) {
    return new FunnelStep(null, TouchEvent.PAGE, field, match, value, Map.of());
  }

  /** A screen view by its exact name. */
  public static FunnelStep screen(String name) {
    return new FunnelStep(null, TouchEvent.SCREEN, Field.NAME, Match.EQUALS, name, Map.of());
  }

  /** The same step reported under another label. */
  public FunnelStep named(String newLabel) {
    return new FunnelStep(newLabel, kind, field, match, value, filters);
  }

  /** The same step, also requiring {@code property} to equal {@code expected}. */
  public FunnelStep where(String property, String expected) {
    Map<String, String> more = new HashMap<>(filters);
    more.put(property, expected);
    // A label that was only the step string follows the new filter; a chosen label stays.
    String newLabel = label.equals(spec()) ? null : label;
    return new FunnelStep(newLabel, kind, field, match, value, more);
  }

  /** Whether the event is an occurrence of this step. */
  public boolean matches(TouchEvent event) {
    if (!kind.equalsIgnoreCase(event.kind())) {
      return false;
    }
    String actual = switch (field) {
      case NAME -> event.name();
      case PATH -> event.path();
      case URL -> event.url();
    };
    if (actual == null) {
      return false;
    }
    boolean hit = switch (match) {
      case EQUALS -> actual.equals(value);
      case PREFIX -> actual.startsWith(value);
      case CONTAINS -> actual.contains(value);
    };
    if (!hit) {
      return false;
    }
    for (Map.Entry<String, String> f : filters.entrySet()) {
      if (!f.getValue().equals(event.property(f.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** This step as a step string that {@link #parse} reads back to an equal matcher. */
  public String spec() {
    return spec(kind, field, match, value, filters);
  }

  /**
   * Reads a step string (grammar in the class comment); the label is the trimmed string.
   *
   * @throws IllegalArgumentException naming the step and what is wrong with it
   */
  public static FunnelStep parse(String text) {
    return StepParser.parse(text);
  }

  private static String spec(
      String kind, Field field, Match match, String value, Map<String, String> filters) {
    String pattern = switch (match) {
      case EQUALS -> value;
      case PREFIX -> value + "*";
      case CONTAINS -> "*" + value + "*";
    };
    StringBuilder s = new StringBuilder();
    if (kind.equals(TouchEvent.TRACK)) {
      // A track name that looks like "kind:..." needs the explicit prefix to read back the same.
      if (StepParser.kindPrefix(pattern) != null) {
        s.append("track:");
      }
    } else {
      s.append(kind).append(':');
      boolean implied = field == (pattern.startsWith("/") ? Field.PATH : Field.NAME)
          && !pattern.contains("=");
      if (!implied) {
        s.append(field.name().toLowerCase(Locale.ROOT)).append('=');
      }
    }
    s.append(pattern);
    if (!filters.isEmpty()) {
      s.append(new TreeMap<>(filters).entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(",", "[", "]")));
    }
    return s.toString();
  }
}
