package io.roundtrip.models.funnels;

import io.roundtrip.models.events.TouchEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.funnels.FunnelStep.Field;
import io.roundtrip.models.funnels.FunnelStep.Match;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FunnelStepTest {

  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static TouchEvent page(String name, String path, String url) {
    return TouchEvent.page(T, name, path, url, Map.of());
  }

  @Test
  void trackStepMatchesTheEventNameExactly() {
    FunnelStep step = FunnelStep.parse("Order Completed");

    assertThat(step.matches(TouchEvent.track(T, "Order Completed", Map.of()))).isTrue();
    assertThat(step.matches(TouchEvent.track(T, "order completed", Map.of()))).isFalse();
    assertThat(step.matches(page("Order Completed", "/done", null))).isFalse();
  }

  @Test
  void pagePathPrefixMatchesPathsStartingWithIt() {
    FunnelStep step = FunnelStep.parse("page:/store*");

    assertThat(step.field()).isEqualTo(Field.PATH);
    assertThat(step.match()).isEqualTo(Match.PREFIX);
    assertThat(step.matches(page("Store", "/store", null))).isTrue();
    assertThat(step.matches(page("Shoes", "/store/shoes", null))).isTrue();
    assertThat(step.matches(page("Home", "/", null))).isFalse();
    assertThat(step.matches(page("Unknown", null, null))).isFalse();
  }

  @Test
  void pageNameMatchesTheNameExactly() {
    FunnelStep step = FunnelStep.parse("page:name=Home");

    assertThat(step.matches(page("Home", "/", null))).isTrue();
    assertThat(step.matches(page("Home page", "/", null))).isFalse();
    assertThat(step.matches(page(null, "/", null))).isFalse();
  }

  @Test
  void pageWithoutFieldMatchesTheNameUnlessThePatternIsAPath() {
    assertThat(FunnelStep.parse("page:Home").field()).isEqualTo(Field.NAME);
    assertThat(FunnelStep.parse("page:/checkout").field()).isEqualTo(Field.PATH);
    assertThat(FunnelStep.parse("page:/checkout").match()).isEqualTo(Match.EQUALS);
  }

  @Test
  void pageUrlContainsMatchesAnywhereInTheUrl() {
    FunnelStep step = FunnelStep.parse("page:url=*utm_source=news*");

    assertThat(step.field()).isEqualTo(Field.URL);
    assertThat(step.match()).isEqualTo(Match.CONTAINS);
    assertThat(step.value()).isEqualTo("utm_source=news");
    assertThat(step.matches(page("Home", "/", "https://shop.example/?utm_source=news&x=1")))
        .isTrue();
    assertThat(step.matches(page("Home", "/", "https://shop.example/"))).isFalse();
  }

  @Test
  void pathPatternMayContainAnEqualsSign() {
    FunnelStep step = FunnelStep.parse("page:/search?q=*");

    assertThat(step.field()).isEqualTo(Field.PATH);
    assertThat(step.value()).isEqualTo("/search?q=");
  }

  @Test
  void screenStepMatchesScreensByName() {
    FunnelStep step = FunnelStep.parse("screen:Cart");

    assertThat(step.matches(TouchEvent.screen(T, "Cart", Map.of()))).isTrue();
    assertThat(step.matches(page("Cart", "/cart", null))).isFalse();
  }

  @Test
  void propertyFiltersMustAllEqual() {
    FunnelStep step = FunnelStep.parse("Order Completed[coupon=SPRING, currency = USD]");

    assertThat(step.filters()).containsExactlyInAnyOrderEntriesOf(
        Map.of("coupon", "SPRING", "currency", "USD"));
    assertThat(step.matches(TouchEvent.track(T, "Order Completed",
        Map.of("coupon", "SPRING", "currency", "USD")))).isTrue();
    assertThat(step.matches(TouchEvent.track(T, "Order Completed",
        Map.of("coupon", "SPRING", "currency", "EUR")))).isFalse();
    assertThat(step.matches(TouchEvent.track(T, "Order Completed", Map.of("coupon", "SPRING"))))
        .isFalse();
  }

  @Test
  void builtStepsMatchLikeParsedOnes() {
    FunnelStep built = FunnelStep.page(Field.PATH, Match.PREFIX, "/store").where("a", "1");

    assertThat(built.label()).isEqualTo("page:/store*[a=1]");
    assertThat(FunnelStep.parse(built.spec())).isEqualTo(built);
  }

  @Test
  void parsedStepIsLabelledWithItsText() {
    assertThat(FunnelStep.parse("  page:/store*  ").label()).isEqualTo("page:/store*");
    assertThat(FunnelStep.parse("track:video:played").value()).isEqualTo("video:played");
    assertThat(FunnelStep.parse("Video: Played").value()).isEqualTo("Video: Played");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "page:/store*[coupon                   | '[' is not closed",
      "Order Completed]                      | ']' without a '['",
      "Order Completed[coupon=SPRING]x       | text after",
      "Order Completed[]                     | empty filter list",
      "Order Completed[coupon]               | not property=value",
      "Order Completed[=SPRING]              | needs both a property and a value",
      "Order Completed[coupon=]              | needs both a property and a value",
      "Order Completed[a=1,a=2]              | filtered twice",
      "pgae:/store*                          | unknown step kind 'pgae'",
      "page:                                 | nothing to match",
      "page:title=Home                       | unknown field 'title'",
      "screen:path=/cart                     | only match on the name",
      "page:*                                | '*' goes at the end",
      "page:*/store                          | '*' goes at the end",
      "page:/st*ore                          | '*' goes at the end",
  })
  void malformedStepStringsAreRejectedNamingTheStep(String step, String reason) {
    assertThatThrownBy(() -> FunnelStep.parse(step))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid funnel step \"" + step + "\"")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void emptyStepStringsAreRejected(String step) {
    assertThatThrownBy(() -> FunnelStep.parse(step))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }
}
