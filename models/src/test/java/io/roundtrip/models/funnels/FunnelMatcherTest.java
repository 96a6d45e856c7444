package io.roundtrip.models.funnels;

import io.roundtrip.models.events.TouchEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunnelMatcherTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static final FunnelDefinition ABC = new FunnelDefinition(
      "abc", List.of(FunnelStep.track("A"), FunnelStep.track("B"), FunnelStep.track("C")));

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static TouchEvent track(long seconds, String event) {
    return TouchEvent.track(at(seconds), event, Map.of());
  }

  static TouchEvent track(long seconds, String event, Map<String, String> properties) {
    return TouchEvent.track(at(seconds), event, properties);
  }

  @Test
  void sequentialFunnelAllowsOtherEventsBetweenSteps() {
    PersonFunnel p = FunnelMatcher.match(ABC, List.of(
        track(0, "A"), track(5, "X"), track(10, "B"), track(15, "Y"), track(20, "C")));

    assertThat(p.furthestStep()).isEqualTo(3);
    assertThat(p.stepTimes()).containsExactly(at(0), at(10), at(20));
  }

  @Test
  void sequentialFunnelNeedsStepsInOrder() {
    PersonFunnel p = FunnelMatcher.match(ABC, List.of(track(0, "A"), track(5, "C"), track(10, "B")));

    assertThat(p.furthestStep()).isEqualTo(2);
    assertThat(p.stepTimes()).containsExactly(at(0), at(10));
  }

  @Test
  void strictFunnelIsBrokenByAnEventInBetween() {
    FunnelDefinition strict = ABC.withOrder(OrderType.STRICT);

    PersonFunnel broken = FunnelMatcher.match(strict, List.of(
        track(0, "A"), track(10, "B"), track(15, "X"), track(20, "C")));
    PersonFunnel unbroken = FunnelMatcher.match(strict, List.of(
        track(0, "X"), track(1, "A"), track(10, "B"), track(20, "C"), track(30, "X")));

    assertThat(broken.furthestStep()).isEqualTo(2);
    assertThat(broken.stepTimes()).containsExactly(at(0), at(10));
    assertThat(unbroken.furthestStep()).isEqualTo(3);
  }

  @Test
  void strictFunnelCountsAnyEventOfThePersonAsInBetween() {
    // A page view between two track steps breaks a strict funnel too.
    FunnelDefinition strict = ABC.withOrder(OrderType.STRICT);
    PersonFunnel p = FunnelMatcher.match(strict, List.of(
        track(0, "A"), TouchEvent.page(at(1), "Home", "/", null, Map.of()), track(2, "B")));

    assertThat(p.furthestStep()).isEqualTo(1);
  }

  @Test
  void stepExactlyOnTheWindowLimitCountsAndOneSecondLaterDoesNot() {
    FunnelDefinition twoSteps = new FunnelDefinition(
        "ab", List.of(FunnelStep.track("A"), FunnelStep.track("B")));
    long window = Duration.ofDays(14).toSeconds();

    PersonFunnel onLimit = FunnelMatcher.match(twoSteps, List.of(track(0, "A"), track(window, "B")));
    PersonFunnel late = FunnelMatcher.match(twoSteps, List.of(track(0, "A"), track(window + 1, "B")));

    assertThat(onLimit.furthestStep()).isEqualTo(2);
    assertThat(late.furthestStep()).isEqualTo(1);
  }

  @Test
  void windowIsMeasuredFromStepOneNotFromThePreviousStep() {
    FunnelDefinition hour = ABC.withWindow(Duration.ofHours(1));
    PersonFunnel p = FunnelMatcher.match(hour, List.of(
        track(0, "A"), track(3000, "B"), track(3601, "C")));

    assertThat(p.furthestStep()).isEqualTo(2);
  }

  @Test
  void personCountsByTheFurthestAttemptWithThatAttemptsTimes() {
    FunnelDefinition hour = ABC.withWindow(Duration.ofHours(1));
    PersonFunnel p = FunnelMatcher.match(hour, List.of(
        track(0, "A"), track(60, "B"),        // attempt 1: A, B, then C comes too late for it
        track(10_000, "A"),                   // attempt 2 starts here
        track(10_100, "B"), track(10_200, "C")));

    assertThat(p.furthestStep()).isEqualTo(3);
    assertThat(p.stepTimes()).containsExactly(at(10_000), at(10_100), at(10_200));
  }

  @Test
  void attemptsThatGetEquallyFarCountByTheEarliest() {
    FunnelDefinition hour = ABC.withWindow(Duration.ofHours(1));
    PersonFunnel p = FunnelMatcher.match(hour, List.of(
        track(0, "A"), track(60, "B"), track(10_000, "A"), track(10_030, "B")));

    assertThat(p.furthestStep()).isEqualTo(2);
    assertThat(p.stepTimes()).containsExactly(at(0), at(60));
  }

  @Test
  void anAttemptTakesTheEarliestOccurrenceOfTheNextStep() {
    PersonFunnel p = FunnelMatcher.match(ABC, List.of(
        track(0, "A"), track(10, "B"), track(20, "B"), track(30, "C")));

    assertThat(p.stepTimes()).containsExactly(at(0), at(10), at(30));
  }

  @Test
  void laterStepOneOccurrenceInsideAnAttemptStartsItsOwnAttempt() {
    // The second A restarts the clock: its attempt reaches C within the window, the first does not.
    FunnelDefinition hour = ABC.withWindow(Duration.ofHours(1));
    PersonFunnel p = FunnelMatcher.match(hour, List.of(
        track(0, "A"), track(3000, "A"), track(3500, "B"), track(4000, "C")));

    assertThat(p.furthestStep()).isEqualTo(3);
    assertThat(p.stepTimes()).containsExactly(at(3000), at(3500), at(4000));
  }

  @Test
  void oneEventNeverFillsTwoSteps() {
    FunnelDefinition twice = new FunnelDefinition(
        "twice", List.of(FunnelStep.track("A"), FunnelStep.track("A")));

    assertThat(FunnelMatcher.match(twice, List.of(track(0, "A"))).furthestStep()).isEqualTo(1);
    assertThat(FunnelMatcher.match(twice, List.of(track(0, "A"), track(0, "A"))).furthestStep())
        .isEqualTo(2);
  }

  @Test
  void personWithoutStepOneReachesStepZero() {
    PersonFunnel p = FunnelMatcher.match(ABC, List.of(track(0, "B"), track(10, "C")));
    PersonFunnel nobody = FunnelMatcher.match(ABC, List.of());

    assertThat(p.furthestStep()).isZero();
    assertThat(p.stepTimes()).isEmpty();
    assertThat(nobody.furthestStep()).isZero();
  }

  @Test
  void revenueIsTheLastStepsRevenueOnlyWhenTheFunnelIsCompleted() {
    PersonFunnel done = FunnelMatcher.match(ABC, List.of(
        track(0, "A").withRevenue(5), track(10, "B"), track(20, "C").withRevenue(42.5)));
    PersonFunnel notDone = FunnelMatcher.match(ABC, List.of(
        track(0, "A"), track(10, "B").withRevenue(7)));

    assertThat(done.revenue()).isEqualTo(42.5);
    assertThat(notDone.revenue()).isZero();
  }

  @Test
  void breakdownIsTheFirstTouchUpToTheLastReachedStep() {
    FunnelDefinition def = ABC.withBreakdown(List.of("campaign", "medium", "term"));
    PersonFunnel p = FunnelMatcher.match(def, List.of(
        track(0, "X", Map.of("medium", "email")),
        track(5, "A", Map.of("campaign", "spring", "medium", "cpc")),
        track(10, "B", Map.of("campaign", "summer")),
        track(20, "Y", Map.of("term", "shoes")))); // after the last reached step: ignored

    assertThat(p.furthestStep()).isEqualTo(2);
    assertThat(p.breakdown()).containsExactly("spring", "email", PersonFunnel.NONE);
    assertThat(p.breakdownKey()).isEqualTo("spring / email / (none)");
  }

  @Test
  void breakdownSkipsBlankValues() {
    FunnelDefinition def = ABC.withBreakdown(List.of("campaign"));
    PersonFunnel p = FunnelMatcher.match(def, List.of(
        track(0, "A", Map.of("campaign", "")), track(10, "B", Map.of("campaign", "spring"))));

    assertThat(p.breakdown()).containsExactly("spring");
  }

  @Test
  void noBreakdownGivesAnEmptyKey() {
    PersonFunnel p = FunnelMatcher.match(ABC, List.of(track(0, "A")));

    assertThat(p.breakdown()).isEmpty();
    assertThat(p.breakdownKey()).isEmpty();
  }

  @Test
  void unsortedEventsAreRejected() {
    assertThatThrownBy(() -> FunnelMatcher.match(ABC, List.of(track(10, "A"), track(0, "B"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sorted by time");
  }

  @Test
  void campaignFunnelFollowsSegmentsRoiGuide() {
    FunnelDefinition def = FunnelDefinition.campaignFunnel();
    Map<String, String> campaign =
        Map.of("context_campaign_name", "spring_sale", "context_campaign_medium", "email");
    PersonFunnel p = FunnelMatcher.match(def, List.of(
        TouchEvent.page(at(0), "Home", "/", "https://shop.example/?utm_campaign=spring_sale",
            campaign),
        TouchEvent.page(at(10), "Category", "/store/shoes", null, Map.of()),
        track(20, "Product Viewed"),
        new TouchEvent(at(30), "track", "Order Completed", null, null, Map.of("revenue", "42.5"),
            42.5)));

    assertThat(def.stepNames()).containsExactly("Store Visited", "Product Viewed", "Order Completed");
    assertThat(def.window()).isEqualTo(Duration.ofDays(14));
    assertThat(def.order()).isEqualTo(OrderType.SEQUENTIAL);
    assertThat(p.furthestStep()).isEqualTo(3);
    assertThat(p.revenue()).isEqualTo(42.5);
    assertThat(p.breakdownKey()).isEqualTo("spring_sale / email");
  }

  @Test
  void definitionNeedsTwoStepsAndDefaultsTheRest() {
    assertThatThrownBy(() -> new FunnelDefinition("one", List.of(FunnelStep.track("A"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 steps");
    FunnelDefinition d = new FunnelDefinition("d", List.of(FunnelStep.track("A"),
        FunnelStep.track("B")), null, null, null);
    assertThat(d.window()).isEqualTo(Duration.ofDays(14));
    assertThat(d.order()).isEqualTo(OrderType.SEQUENTIAL);
    assertThat(d.breakdown()).isEmpty();
  }
}
