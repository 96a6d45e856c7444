package io.roundtrip.models.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.events.TouchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionsTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static TouchEvent at(long seconds) {
    return TouchEvent.page(T0.plusSeconds(seconds), "Home", "/", null, Map.of());
  }

  static TouchEvent campaignAt(long seconds, String name, String source, String medium) {
    Map<String, String> p = new HashMap<>();
    p.put(Session.CAMPAIGN_NAME, name);
    p.put(Session.CAMPAIGN_SOURCE, source);
    p.put(Session.CAMPAIGN_MEDIUM, medium);
    return TouchEvent.page(T0.plusSeconds(seconds), "Home", "/", null, p);
  }

  @Test
  void moreThanThirtyMinutesOfInactivitySplitsSessions() {
    List<Session> sessions = Sessions.split(List.of(at(0), at(60), at(60 + 1801)));

    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(0).start()).isEqualTo(T0);
    assertThat(sessions.get(0).end()).isEqualTo(T0.plusSeconds(60));
    assertThat(sessions.get(0).events()).hasSize(2);
    assertThat(sessions.get(1).start()).isEqualTo(T0.plusSeconds(1861));
  }

  @Test
  void exactlyThirtyMinutesApartStaysOneSession() {
    assertThat(Sessions.split(List.of(at(0), at(1800), at(3600)))).hasSize(1);
  }

  @Test
  void inactivityTimeoutIsConfigurable() {
    assertThat(Sessions.split(List.of(at(0), at(61), at(120)), Duration.ofMinutes(1))).hasSize(2);
  }

  @Test
  void noEventsNoSessions() {
    assertThat(Sessions.split(List.of())).isEmpty();
  }

  @Test
  void sessionTouchIsTheFirstEventWithACampaignName() {
    Session session = Sessions.split(List.of(
        at(0),
        campaignAt(10, "spring_sale", "google", "cpc"),
        campaignAt(20, "summer", "newsletter", "email"))).get(0);

    assertThat(session.campaignTouch()).contains(
        Touch.campaign(T0.plusSeconds(10), "spring_sale", "google", "cpc"));
  }

  @Test
  void missingCampaignSourceAndMediumBecomeNone() {
    Session session = Sessions.split(List.of(campaignAt(0, "spring_sale", null, ""))).get(0);

    Touch touch = session.campaignTouch().orElseThrow();
    assertThat(touch.source()).isEqualTo(Touch.NONE);
    assertThat(touch.medium()).isEqualTo(Touch.NONE);
    assertThat(touch.label()).isEqualTo("spring_sale / (none) / (none)");
  }

  @Test
  void sessionWithoutCampaignNameHasNoCampaignTouch() {
    Session session = Sessions.split(List.of(at(0), campaignAt(5, null, "google", "cpc"))).get(0);

    assertThat(session.campaignTouch()).isEmpty();
  }

  @Test
  void unsortedEventsAreRejected() {
    assertThatThrownBy(() -> Sessions.split(List.of(at(10), at(0))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
