package io.roundtrip.reverseetl.destinations.ambassador;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an Ambassador sync sends, as the two calls of Segment's Ambassador destination: identify
 * (people: ambassadors, their campaigns and group) or track (conversions).
 */
public sealed interface AmbassadorMode {

  /** URL pattern -> campaign id, in the order the calls are made: the page's "Campaigns" setting. */
  Map<String, String> campaignsByUrlPattern();

  /**
   * Identify: create or update ambassadors; a record whose URL matches a campaign's pattern is
   * enrolled in that campaign (the page's Identify note).
   *
   * @param groupId the group (segment) ADD puts ambassadors into and REMOVE takes them out of
   *     (Ambassador accepts a comma-separated list); null when the sync manages no group
   * @param campaignsByUrlPattern may be empty: then nobody is enrolled in a campaign
   */
  record Identify(String groupId, Map<String, String> campaignsByUrlPattern) implements AmbassadorMode {
    public Identify {
      groupId = groupId == null || groupId.isBlank() ? null : groupId.trim();
      campaignsByUrlPattern = ordered(campaignsByUrlPattern);
    }
  }

  /**
   * Track: a record whose event is mapped to {@code conversion} (the page's "Events" setting) is
   * recorded as a conversion, once per campaign whose URL pattern matches the record's URL.
   *
   * @param events event name -> {@code conversion}
   */
  record Track(Map<String, String> campaignsByUrlPattern, Map<String, String> events) implements AmbassadorMode {
    public Track {
      campaignsByUrlPattern = ordered(campaignsByUrlPattern);
      if (campaignsByUrlPattern.isEmpty()) {
        throw new IllegalArgumentException("conversions need at least one URL pattern -> campaign id (campaigns)");
      }
      if (events == null || events.isEmpty()) {
        throw new IllegalArgumentException("conversions need the events that are conversions (events)");
      }
      events.forEach((event, action) -> {
        if (!"conversion".equals(action == null ? null : action.trim().toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("events." + event + ": \"" + action
              + "\" is not something Ambassador does with an event; use conversion");
        }
      });
      events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
    }

    /** Whether an event (as sent, or as its warehouse table names it) is mapped to a conversion. */
    public boolean isConversion(String event) {
      return event != null && events.keySet().stream().anyMatch(name -> sameEvent(name, event));
    }
  }

  /**
   * Event names compare ignoring case, spaces and punctuation, so the name as sent ({@code Order
   * Completed}) and as the warehouse writes it ({@code order_completed}) are the same event.
   */
  static boolean sameEvent(String a, String b) {
    return normalized(a).equals(normalized(b));
  }

  private static String normalized(String event) {
    return event.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  private static Map<String, String> ordered(Map<String, String> campaigns) {
    return campaigns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(campaigns));
  }
}
