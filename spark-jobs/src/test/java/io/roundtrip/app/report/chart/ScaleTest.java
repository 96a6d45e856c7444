package io.roundtrip.app.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleTest {

  @Test
  void ticksAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTenAndCoverTheLargestValue() {
    assertThat(Scale.covering(192, Unit.COUNT)).isEqualTo(new Scale(200, 50));
    assertThat(Scale.covering(7, Unit.COUNT)).isEqualTo(new Scale(8, 2));
    assertThat(Scale.covering(31_133.69, Unit.MONEY)).isEqualTo(new Scale(40_000, 10_000));
    assertThat(Scale.covering(1_200, Unit.COUNT)).isEqualTo(new Scale(1_250, 250));
    assertThat(Scale.covering(0.236, Unit.PERCENT).max()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Scale.covering(0.236, Unit.PERCENT).step()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aMaximumOnATickAddsNoEmptyTickAbove() {
    assertThat(Scale.covering(200, Unit.COUNT)).isEqualTo(new Scale(200, 50));
    assertThat(Scale.covering(200.0000000001, Unit.COUNT)).isEqualTo(new Scale(200, 50));
  }

  @Test
  void countsNeverGetFractionalTicks() {
    assertThat(Scale.covering(1.2, Unit.COUNT)).isEqualTo(new Scale(2, 1));
    assertThat(Scale.covering(1.2, Unit.NUMBER)).isEqualTo(new Scale(1.25, 0.25));
  }

  @Test
  void nothingToShowStillGivesAnAxis() {
    assertThat(Scale.covering(0, Unit.COUNT)).isEqualTo(new Scale(1, 1));
    assertThat(Scale.covering(Double.NaN, Unit.MONEY)).isEqualTo(new Scale(1, 0.2));
    assertThat(new Scale(8, 2).ticks()).containsExactly(0, 2, 4, 6, 8);
  }

  @Test
  void tickLabelsShowTheUnitWithOnlyTheDecimalsTheStepNeeds() {
    assertThat(Unit.PERCENT.tick(0.25, 0.05)).isEqualTo("25%");
    assertThat(Unit.PERCENT.tick(0.025, 0.005)).isEqualTo("2.5%");
    assertThat(Unit.MONEY.tick(35_000, 5_000)).isEqualTo("35,000");
    assertThat(Unit.NUMBER.tick(0.25, 0.05)).isEqualTo("0.25");
    assertThat(Unit.COUNT.format(20_212)).isEqualTo("20,212");
    assertThat(Unit.PERCENT.format(0.13317)).isEqualTo("13.3%");
    assertThat(Unit.MONEY.format(4649.4312)).isEqualTo("4,649.43");
  }
}
