package io.roundtrip.models.attribution;

import io.roundtrip.models.events.TouchEvent;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run of one person's events without a long pause.
 *
 * @param start the first event's time
 * @param end the last event's time
 * @param events the events, in time order, at least one
 */
public record Session(Instant start, Instant end, List<TouchEvent> events) implements Serializable {

  public static final String CAMPAIGN_NAME = "context_campaign_name";
  public static final String CAMPAIGN_SOURCE = "context_campaign_source";
  public static final String CAMPAIGN_MEDIUM = "context_campaign_medium";

  public Session {
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a session has at least one event");
    }
  }

  /**
   * The campaign that brought this session: the campaign values of its first event that has a
   * campaign name, at that event's time; empty when no event has one. Later campaign events in
   * the same session do not start new touches (the person was already here).
   */
  public Optional<Touch> campaignTouch() {
    return firstCampaignEvent().map(Session::campaignTouchOf);
  }

  /** The campaign touch an event with campaign values stands for. */
  static Touch campaignTouchOf(TouchEvent e) {
    return Touch.campaign(e.timestamp(), e.property(CAMPAIGN_NAME), e.property(CAMPAIGN_SOURCE),
        e.property(CAMPAIGN_MEDIUM));
  }

  /** The first event with a (non-blank) campaign name. */
  public Optional<TouchEvent> firstCampaignEvent() {
    return events.stream()
        .filter(e -> e.property(CAMPAIGN_NAME) != null && !e.property(CAMPAIGN_NAME).isBlank())
        .findFirst();
  }
}
