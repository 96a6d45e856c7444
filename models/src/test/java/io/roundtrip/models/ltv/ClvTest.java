package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClvTest {

  private static final BgNbd MODEL = new BgNbd(0.243, 4.414, 0.793, 2.426);

  @Test
  void thePerUnitRateCompoundsToTheAnnualRate() {
    assertThat(Math.pow(1 + Clv.perUnitRate(0.10, TimeUnit.WEEK), 52)).isCloseTo(1.10,
        within(1e-12));
    assertThat(Math.pow(1 + Clv.perUnitRate(0.10, TimeUnit.DAY), 365)).isCloseTo(1.10,
        within(1e-12));
  }

  @Test
  void clvDecreasesWhenTheDiscountRateIncreases() {
    double previous = Double.POSITIVE_INFINITY;
    for (double rate : new double[] {0, 0.05, 0.10, 0.20, 0.50}) {
      double clv = Clv.value(MODEL, 2, 30.43, 38.86, 30.0, 52, rate, TimeUnit.WEEK);
      assertThat(clv).as("rate %s", rate).isLessThan(previous);
      previous = clv;
    }
  }

  @Test
  void withoutDiscountingClvIsExpectedPurchasesOverTheHorizonTimesValuePerPurchase() {
    double clv = Clv.value(MODEL, 2, 30.43, 38.86, 30.0, 39, 0, TimeUnit.WEEK);

    assertThat(clv).isCloseTo(30.0 * MODEL.expectedPurchases(39, 2, 30.43, 38.86), within(1e-10));
  }

  @Test
  void discountingMatchesTheFormulaSummedByHand() {
    double d = Math.pow(1.10, 1 / 52.0) - 1;
    double expected = 0;
    for (int i = 1; i <= 10; i++) {
      double inPeriod =
          MODEL.expectedPurchases(i, 3, 20, 30) - MODEL.expectedPurchases(i - 1, 3, 20, 30);
      expected += inPeriod * 25.0 / Math.pow(1 + d, i);
    }

    assertThat(Clv.value(MODEL, 3, 20, 30, 25.0, 10, 0.10, TimeUnit.WEEK))
        .isCloseTo(expected, within(1e-12));
  }

  @Test
  void aZeroHorizonIsWorthNothing() {
    assertThat(Clv.value(MODEL, 3, 20, 30, 25.0, 0, 0.10, TimeUnit.WEEK)).isZero();
  }
}
