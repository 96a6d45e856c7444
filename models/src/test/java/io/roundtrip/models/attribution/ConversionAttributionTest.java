package io.roundtrip.models.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.roundtrip.models.events.TouchEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionAttributionTest {

  static final Instant CONVERSION = Instant.parse("2026-02-10T12:00:00Z");
  static final Duration DAYS_30 = Duration.ofDays(30);
  static final ReferralLinks LINKS =
      new ReferralLinks("get.roundtrip-shop.example", Map.of("-i34", "whatsapp"));

  static TouchEvent campaign(Instant t, String name, String source, String medium) {
    return TouchEvent.page(t, "Home", "/", null, Map.of(
        Session.CAMPAIGN_NAME, name, Session.CAMPAIGN_SOURCE, source,
        Session.CAMPAIGN_MEDIUM, medium));
  }

  static TouchEvent plain(Instant t) {
    return TouchEvent.page(t, "Home", "/", null, Map.of());
  }

  static TouchEvent referral(Instant t, String url) {
    return TouchEvent.page(t, "Referral", "/x/y", url, Map.of());
  }

  static TouchEvent order(Instant t) {
    return TouchEvent.track(t, "Order Completed", Map.of()).withRevenue(100);
  }

  @Test
  void touchExactlyThirtyDaysBeforeTheConversionCounts() {
    AttributedConversion c = ConversionAttribution.attribute(List.of(
        campaign(CONVERSION.minus(DAYS_30), "spring", "google", "cpc"), order(CONVERSION)),
        CONVERSION, 100, LINKS);

    assertThat(c.touches()).extracting(Touch::campaign).containsExactly("spring");
  }

  @Test
  void touchThirtyDaysAndOneSecondBeforeTheConversionDoesNot() {
    AttributedConversion c = ConversionAttribution.attribute(List.of(
        campaign(CONVERSION.minus(DAYS_30).minusSeconds(1), "spring", "google", "cpc"),
        order(CONVERSION)),
        CONVERSION, 100, LINKS);

    assertThat(c.touches()).containsExactly(Touch.direct(CONVERSION));
  }

  @Test
  void touchesAfterTheConversionDoNotCount() {
    AttributedConversion c = ConversionAttribution.attribute(List.of(
        order(CONVERSION), campaign(CONVERSION.plusSeconds(1), "late", "google", "cpc")),
        CONVERSION, 100, LINKS);

    assertThat(c.touches()).containsExactly(Touch.direct(CONVERSION));
  }

  @Test
  void lookbackIsConfigurable() {
    AttributedConversion c = ConversionAttribution.attribute(List.of(
        campaign(CONVERSION.minus(Duration.ofDays(8)), "old", "google", "cpc"),
        campaign(CONVERSION.minus(Duration.ofDays(7)), "new", "google", "cpc")),
        CONVERSION, 100, Duration.ofDays(7), LINKS);

    assertThat(c.touches()).extracting(Touch::campaign).containsExactly("new");
  }

  @Test
  void conversionWithoutTouchesCreditsDirectWithOnePointPerModel() {
    AttributedConversion c = ConversionAttribution.attribute(
        List.of(plain(CONVERSION.minusSeconds(60)), order(CONVERSION)), CONVERSION, 80,
        ReferralLinks.none());

    assertThat(c.credits()).hasSize(AttributionModel.values().length);
    assertThat(c.credits()).allSatisfy(credit -> {
      assertThat(credit.touch().campaign()).isEqualTo("(direct)");
      assertThat(credit.points()).isEqualTo(1.0);
      assertThat(credit.revenue()).isEqualTo(80.0);
    });
  }

  @Test
  void aSessionIsOneTouchHoweverManyCampaignEventsItHas() {
    Instant t = CONVERSION.minus(Duration.ofDays(2));
    AttributedConversion c = ConversionAttribution.attribute(List.of(
        plain(t),
        campaign(t.plusSeconds(60), "spring", "google", "cpc"),
        campaign(t.plusSeconds(120), "summer", "newsletter", "email"),
        // 31 minutes later: a new session, a new touch
        campaign(t.plusSeconds(120 + 31 * 60), "summer", "newsletter", "email")),
        CONVERSION, 100, LINKS);

    assertThat(c.touches()).containsExactly(
        Touch.campaign(t.plusSeconds(60), "spring", "google", "cpc"),
        Touch.campaign(t.plusSeconds(120 + 31 * 60), "summer", "newsletter", "email"));
  }

  @Test
  void referralPageViewIsATouchWithChannelAndAdvocate() {
    Instant t = CONVERSION.minus(Duration.ofDays(1));
    AttributedConversion c = ConversionAttribution.attribute(List.of(
        referral(t, "https://get.roundtrip-shop.example/-i34/AB12cd?ref=1")),
        CONVERSION, 100, LINKS);

    Touch touch = c.touches().get(0);
    assertThat(touch.type()).isEqualTo(Touch.Type.REFERRAL);
    assertThat(touch.label()).isEqualTo("referral / whatsapp / referral");
    assertThat(touch.advocate()).isEqualTo("AB12cd");
    assertThat(touch.time()).isEqualTo(t);
  }

  @Test
  void referralLandingWithCampaignValuesCountsOnceAsTheReferral() {
    Instant t = CONVERSION.minus(Duration.ofDays(1));
    TouchEvent landing = new TouchEvent(t, "page", "Referral", "/-i34/AB12cd",
        "https://get.roundtrip-shop.example/-i34/AB12cd",
        Map.of(Session.CAMPAIGN_NAME, "friends"), 0);

    AttributedConversion c = ConversionAttribution.attribute(List.of(landing), CONVERSION, 100,
        LINKS);

    assertThat(c.touches()).extracting(Touch::type).containsExactly(Touch.Type.REFERRAL);
  }

  @Test
  void revenueIsSplitByEachModelsPoints() {
    Instant t = CONVERSION.minus(Duration.ofDays(10));
    AttributedConversion c = ConversionAttribution.attribute(List.of(
        campaign(t, "spring", "google", "cpc"),
        referral(t.plus(Duration.ofDays(1)), "https://get.roundtrip-shop.example/-i34/AB12cd"),
        campaign(t.plus(Duration.ofDays(2)), "summer", "newsletter", "email"),
        order(CONVERSION)),
        CONVERSION, 100, LINKS);

    assertThat(c.touches()).extracting(Touch::campaign)
        .containsExactly("spring", "referral", "summer");
    assertThat(c.credits(AttributionModel.FIRST_TOUCH))
        .extracting(cr -> cr.touch().campaign(), Credit::points, Credit::revenue)
        .containsExactly(tuple("spring", 1.0, 100.0));
    assertThat(c.credits(AttributionModel.LAST_TOUCH))
        .extracting(cr -> cr.touch().campaign(), Credit::revenue)
        .containsExactly(tuple("summer", 100.0));
    assertThat(c.credits(AttributionModel.LINEAR)).extracting(Credit::revenue)
        .allSatisfy(r -> assertThat(r).isCloseTo(100.0 / 3, within(1e-9)));
    assertThat(c.credits(AttributionModel.POSITION_BASED))
        .extracting(Credit::points, Credit::revenue)
        .containsExactly(
            tuple(0.4, 40.0),
            tuple(0.2, 20.0),
            tuple(0.4, 40.0));
    for (AttributionModel model : AttributionModel.values()) {
      assertThat(c.credits(model).stream().mapToDouble(Credit::revenue).sum())
          .isCloseTo(100.0, within(1e-9));
    }
  }

  @Test
  void attributedConversionSurvivesJavaSerialization() throws Exception {
    AttributedConversion c = ConversionAttribution.attribute(List.of(
        campaign(CONVERSION.minusSeconds(5), "spring", "google", "cpc")), CONVERSION, 10, LINKS);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
      out.writeObject(LINKS);
      out.writeObject(Sessions.split(List.of(plain(CONVERSION))));
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(c);
      assertThat(in.readObject()).isEqualTo(LINKS);
      assertThat(in.readObject()).isEqualTo(Sessions.split(List.of(plain(CONVERSION))));
    }
  }
}
