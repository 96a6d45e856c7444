package io.roundtrip.models.attribution;

import io.roundtrip.models.events.TouchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shares the credit for one conversion among the marketing touches before it.
 *
 * <p>The touches are the campaign touches of the person's sessions (see {@link
 * Session#campaignTouch()}) and every page view of a referral link, whose time lies in
 * {@code [conversion - lookback, conversion]}, both ends included. When a session's campaign
 * event is itself a referral page view it counts once, as the referral: one click, one touch, and
 * the referral also names the advocate.
 */
public final class ConversionAttribution {

  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);

  private ConversionAttribution() {}

  /** With the default 30-day lookback. */
  public static AttributedConversion attribute(
      List<TouchEvent> personEvents, Instant conversionTime, double revenue, ReferralLinks links) {
    return attribute(personEvents, conversionTime, revenue, DEFAULT_LOOKBACK, links);
  }

  /**
   * @param personEvents all events of the person, sorted by time (later ones are ignored)
   * @param links the referral program's links; {@link ReferralLinks#none()} for none
   * @throws IllegalArgumentException when the events are not sorted by time
   */
  public static AttributedConversion attribute(
      List<TouchEvent> personEvents,
      Instant conversionTime,
      double revenue,
      Duration lookback,
      ReferralLinks links) {
    List<Touch> touches =
        touches(personEvents, conversionTime.minus(lookback), conversionTime, links);
    if (touches.isEmpty()) {
      touches = List.of(Touch.direct(conversionTime));
    }
    List<Credit> credits = new ArrayList<>();
    for (AttributionModel model : AttributionModel.values()) {
      double[] points = model.points(touches.size());
      for (int i = 0; i < points.length; i++) {
        // Zero shares (e.g. the middle touches under first touch) would only be noise rows.
        if (points[i] > 0) {
          credits.add(new Credit(model, touches.get(i), points[i], points[i] * revenue));
        }
      }
    }
    return new AttributedConversion(conversionTime, revenue, touches, credits);
  }

  /** The touches with a time in {@code [from, to]}, oldest first. */
  static List<Touch> touches(
      List<TouchEvent> events, Instant from, Instant to, ReferralLinks links) {
    // Identity, not equals: two identical events are still two events.
    Set<TouchEvent> campaignEvents = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Session session : Sessions.split(events)) {
      session.firstCampaignEvent().ifPresent(campaignEvents::add);
    }
    List<Touch> touches = new ArrayList<>();
    for (TouchEvent e : events) {
      Instant t = e.timestamp();
      if (t.isBefore(from) || t.isAfter(to)) {
        continue;
      }
      Optional<Referral> referral = TouchEvent.PAGE.equals(e.kind())
          ? links.match(e.url()) : Optional.empty();
      if (referral.isPresent()) {
        touches.add(Touch.referral(t, referral.get()));
      } else if (campaignEvents.contains(e)) {
        touches.add(Session.campaignTouchOf(e));
      }
    }
    return touches;
  }
}
