package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HypergeometricTest {

  // The BG/NBD parameters of the CDNOW fit, for realistic arguments.
  private static final double R = 0.243;
  private static final double A = 0.793;
  private static final double B = 2.426;

  @ParameterizedTest
  @ValueSource(doubles = {1e-6, 0.1, 0.5, 0.9, 0.99, 0.999})
  void matchesTheClosedFormOfTwoF1OfOneOneTwo(double z) {
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z
    assertThat(Hypergeometric.hyp2f1(1, 1, 2, z)).isCloseTo(-Math.log1p(-z) / z,
        within(1e-13 * -Math.log1p(-z) / z));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.5, 0.9, 0.99})
  void matchesTheClosedFormWhenBEqualsC(double z) {
    // 2F1(a, b; b; z) = (1 - z)^-a
    for (double a : new double[] {0.243, 2.5, 30}) {
      double expected = Math.pow(1 - z, -a);
      assertThat(Hypergeometric.hyp2f1(a, 7.25, 7.25, z)).isCloseTo(expected,
          within(1e-13 * expected));
    }
  }

  // A customer with x = 200 and z = 0.99: the plain series' terms rise to ~1e400 before they fall.
  private static final int X = 200;
  private static final double LARGE_A = R + X;
  private static final double LARGE_B = B + X;
  private static final double LARGE_C = A + B + X - 1;
  private static final double Z = 0.99;
  private static final double LN_LARGE = lnOfDecimalSeries(LARGE_A, LARGE_B, LARGE_C, Z);

  @Test
  void isOneAtZero() {
    assertThat(Hypergeometric.hyp2f1(3.5, -1.2, 0.7, 0)).isEqualTo(1.0);
  }

  @Test
  void stopsAtTheLastTermWhenAParameterIsANonPositiveInteger() {
    double b = 1.7;
    double c = 2.9;
    double z = 0.6;
    double polynomial = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));

    assertThat(Hypergeometric.hyp2f1(-2, b, c, z)).isCloseTo(polynomial, within(1e-15));
  }

  @Test
  void logOfTheLargeXSeriesNearZOfOneMatchesExactDecimalSummation() {
    assertThat(LN_LARGE).isGreaterThan(Math.log(Double.MAX_VALUE)); // beyond a double
    assertThat(Hypergeometric.logHyp2f1(LARGE_A, LARGE_B, LARGE_C, Z))
        .isCloseTo(LN_LARGE, within(1e-10));
    assertThat(Hypergeometric.hyp2f1(LARGE_A, LARGE_B, LARGE_C, Z)).isInfinite();
  }

  @Test
  void eulersTransformationGivesTheSameValueForLargeX() {
    // 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z): the form BgNbd sums.
    double transformed = (LARGE_C - LARGE_A - LARGE_B) * Math.log1p(-Z)
        + Hypergeometric.logHyp2f1(LARGE_C - LARGE_A, LARGE_C - LARGE_B, LARGE_C, Z);

    assertThat(transformed).isCloseTo(LN_LARGE, within(1e-10));
  }

  @Test
  void theSeriesWithoutItsLeadingOneDividedByBIsRightForSmallAndZeroB() {
    double z = 0.95;
    for (double b : new double[] {0.5, -0.2, 1e-3}) {
      double expected = (Hypergeometric.hyp2f1(1.7, b, 3.2, z) - 1) / b;
      assertThat(Hypergeometric.hyp2f1MinusOneOverB(1.7, b, 3.2, z))
          .isCloseTo(expected, within(1e-11 * Math.abs(expected)));
    }
    // At b = 0 it is sum_k (a)_k / (c)_k z^k / k, which for a = c is -ln(1 - z).
    assertThat(Hypergeometric.hyp2f1MinusOneOverB(2.5, 0, 2.5, z))
        .isCloseTo(-Math.log1p(-z), within(1e-13));
  }

  @Test
  void refusesZOutsideZeroToOne() {
    assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, 2, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 <= z < 1");
    assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, 2, -0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void throwsRatherThanReturnAnUnconvergedSum() {
    // The terms shrink by a factor 1 - 1e-9 each: far more than MAX_TERMS are needed.
    assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, 2, 1 - 1e-9))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("did not converge")
        .hasMessageContaining(Integer.toString(Hypergeometric.MAX_TERMS));
  }

  /**
   * ln 2F1(a, b; c; z) by summing the plain series in 24-digit decimals, independently of the
   * class under test. All terms are positive here; summing stops when a term is below 1e-25 of
   * the sum while the term ratio (which tends to z from above) is below 0.995, so the tail is at
   * most 200 times that.
   */
  static double lnOfDecimalSeries(double a, double b, double c, double z) {
    MathContext mc = new MathContext(24);
    BigDecimal bz = new BigDecimal(z, mc);
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal tiny = new BigDecimal("1e-25");
    for (int k = 0; ; k++) {
      BigDecimal ratio = new BigDecimal(a + k, mc).multiply(new BigDecimal(b + k, mc), mc)
          .multiply(bz, mc)
          .divide(new BigDecimal(c + k, mc).multiply(BigDecimal.valueOf(k + 1L), mc), mc);
      term = term.multiply(ratio, mc);
      sum = sum.add(term, mc);
      if (ratio.doubleValue() < 0.995 && term.compareTo(sum.multiply(tiny, mc)) < 0) {
        break;
      }
    }
    int exponent = sum.precision() - sum.scale() - 1;
    return Math.log(sum.movePointLeft(exponent).doubleValue()) + exponent * Math.log(10);
  }
}
