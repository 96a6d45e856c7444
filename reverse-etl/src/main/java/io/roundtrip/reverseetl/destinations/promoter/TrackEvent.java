package io.roundtrip.reverseetl.destinations.promoter;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.Prepared;
import io.roundtrip.reverseetl.destinations.http.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A track record for Promoter: the event (its name as sent, {@code event_text}, or as the
 * warehouse names it, {@code event}), the contact it belongs to and its properties. Promoter
 * finds contacts by email, so the record carries the person's {@code email} (the track model
 * joins it in, or has {@code context_traits_email}); its {@code user_id}, when present, must be
 * the one identify sent ("that userId needs to match the userId sent with the identify event").
 *
 * @param properties the event's scalar properties as text (survey-level attributes)
 */
record TrackEvent(String event, String email, String userId, Map<String, String> properties) {

  static final String ORDER_COMPLETED = "Order Completed";

  /** Order Completed's properties in Segment's e-commerce spec that are stored on the contact. */
  private static final List<String> ORDER_PROPERTIES = List.of("order_id", "total", "revenue", "shipping", "tax",
      "discount", "coupon", "currency");
  private static final Map<String, String> CAMEL = Map.of("orderId", "order_id");
  private static final Set<String> NOT_PROPERTIES = Set.of("event", "event_text", "email", "context_traits_email",
      "user_id", "userId", ContactFields.SURVEY_MARKER);

  static Prepared<TrackEvent> from(SyncRecord record) {
    Map<String, Object> fields = record.fields();
    String event = text(fields, "event_text", "event");
    String email = text(fields, "email", "context_traits_email");
    if (email == null) {
      return Prepared.refused("email is required: Promoter finds the contact of an event by email "
          + "(join the person's email into the track model, or map context_traits_email)");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    fields.forEach((name, value) -> {
      if (!NOT_PROPERTIES.contains(name) && value != null && !Scalars.isNested(value)) {
        properties.put(CAMEL.getOrDefault(name, name), Scalars.text(value));
      }
    });
    return Prepared.ready(new TrackEvent(event, email, text(fields, "user_id", "userId"), properties));
  }

  /** Whether this event is the named one (names compare ignoring case, spaces and punctuation). */
  boolean is(String name) {
    return event != null && normalized(event).equals(normalized(name));
  }

  /**
   * Order Completed as a custom event on the contact, in the attributes Promoter keeps ("the event
   * and data stored with Promoter for future use"): {@code order_completed_at} and {@code
   * order_completed_<property>} for the order properties it has. Promoter's public API has no
   * event call; attributes are what it stores on a contact and filters scores by.
   */
  Map<String, String> orderAttributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    String at = properties.getOrDefault("timestamp", properties.get("received_at"));
    if (at != null) {
      attributes.put("order_completed_at", at);
    }
    for (String property : ORDER_PROPERTIES) {
      if (properties.containsKey(property)) {
        attributes.put("order_completed_" + property, properties.get(property));
      }
    }
    return attributes;
  }

  private static String text(Map<String, Object> fields, String... names) {
    for (String name : names) {
      String value = Scalars.nonBlankText(fields.get(name));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String normalized(String event) {
    return event.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }
}
