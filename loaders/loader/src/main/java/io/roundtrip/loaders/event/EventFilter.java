package io.roundtrip.loaders.event;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Selective sync, as Segment's "Warehouse Selective Sync" describes it: which track events reach the
 * warehouse, and which properties of them do not. Events and properties left out are not lost: they
 * stay in the archive, and the load counts them as filtered.
 *
 * <ul>
 *   <li>{@code includeEvents}: when not empty, only track events whose name (as sent, before the
 *       naming rules) matches one of these load; {@code excludeEvents}: events whose name matches
 *       one of these do not. Exact names or globs ({@code *} any text, {@code ?} one character).
 *       Other call types (identify, page, ...) always load.
 *   <li>{@code excludeProperties}: event name (or {@code *} for every call, identify traits and page
 *       properties included) -> dotted paths of the payload keys to leave out
 *       ({@code payment.card} is {@code properties.payment.card} and everything under it).
 * </ul>
 */
public record EventFilter(List<String> includeEvents, List<String> excludeEvents,
    Map<String, List<String>> excludeProperties) implements Serializable {

  public static final EventFilter NONE = new EventFilter(List.of(), List.of(), Map.of());

  public EventFilter {
    includeEvents = List.copyOf(includeEvents);
    excludeEvents = List.copyOf(excludeEvents);
    excludeProperties = Map.copyOf(excludeProperties);
  }

  /** Whether a track event of this name loads. */
  public boolean keeps(String event) {
    if (!includeEvents.isEmpty() && includeEvents.stream().noneMatch(p -> matches(p, event))) {
      return false;
    }
    return excludeEvents.stream().noneMatch(p -> matches(p, event));
  }

  /** The dotted paths left out of the payload of a call; {@code event} is null for calls other than track. */
  public List<String> excludedPaths(String event) {
    List<String> paths = new ArrayList<>(excludeProperties.getOrDefault("*", List.of()));
    if (event != null) {
      paths.addAll(excludeProperties.getOrDefault(event, List.of()));
    }
    return paths;
  }

  public boolean isEmpty() {
    return includeEvents.isEmpty() && excludeEvents.isEmpty() && excludeProperties.isEmpty();
  }

  static boolean matches(String glob, String name) {
    if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
      return glob.equals(name);
    }
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.matches(regex.toString(), name);
  }
}
