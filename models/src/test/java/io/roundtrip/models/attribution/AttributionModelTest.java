package io.roundtrip.models.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AttributionModelTest {

  @ParameterizedTest
  @EnumSource(AttributionModel.class)
  void pointsSumToOneForOneToFiftyTouches(AttributionModel model) {
    for (int n = 1; n <= 50; n++) {
      double[] points = model.points(n);
      assertThat(points).hasSize(n);
      assertThat(Arrays.stream(points).sum()).as("%s with %d touches", model, n)
          .isCloseTo(1.0, within(1e-12));
      assertThat(Arrays.stream(points).allMatch(p -> p >= 0 && p <= 1)).isTrue();
    }
  }

  @Test
  void firstTouchGivesEverythingToTheFirst() {
    assertThat(AttributionModel.FIRST_TOUCH.points(1)).containsExactly(1.0);
    assertThat(AttributionModel.FIRST_TOUCH.points(3)).containsExactly(1.0, 0.0, 0.0);
  }

  @Test
  void lastTouchGivesEverythingToTheLast() {
    assertThat(AttributionModel.LAST_TOUCH.points(3)).containsExactly(0.0, 0.0, 1.0);
  }

  @Test
  void linearSharesEqually() {
    assertThat(AttributionModel.LINEAR.points(4)).containsExactly(0.25, 0.25, 0.25, 0.25);
  }

  @Test
  void positionBasedIsFortyTwentyForty() {
    AttributionModel m = AttributionModel.POSITION_BASED;

    assertThat(m.points(1)).containsExactly(1.0);
    assertThat(m.points(2)).containsExactly(0.5, 0.5);
    assertThat(m.points(3)).containsExactly(0.4, 0.2, 0.4);
    assertThat(m.points(6)).containsExactly(new double[] {0.4, 0.05, 0.05, 0.05, 0.05, 0.4},
        within(1e-15));
  }

  @Test
  void noTouchesIsAnError() {
    assertThatThrownBy(() -> AttributionModel.LINEAR.points(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
