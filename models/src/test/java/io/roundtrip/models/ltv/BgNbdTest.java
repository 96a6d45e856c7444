package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgNbdTest {

  private static final List<CustomerSummary> CDNOW = Cdnow.summaries();
  private static final BgNbdFit FIT = BgNbd.fit(CDNOW);
  private static final BgNbd MODEL = FIT.model();

  @Test
  void cdnowFitGivesThePublishedParametersAndLogLikelihood() {
    // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    assertThat(FIT.r()).isCloseTo(0.243, within(0.0005));
    assertThat(FIT.alpha()).isCloseTo(4.414, within(0.0005));
    assertThat(FIT.a()).isCloseTo(0.793, within(0.0005));
    assertThat(FIT.b()).isCloseTo(2.426, within(0.0005));
    assertThat(FIT.logLikelihood()).isCloseTo(-9582.4, within(0.05));
    assertThat(FIT.converged()).isTrue();
    assertThat(FIT.customers()).isEqualTo(2357);
    assertThat(FIT.iterations()).isPositive();
  }

  @Test
  void cdnowCustomerWithTwoRepeatPurchasesIsExpectedToBuy1point226TimesInTheNext39Weeks() {
    assertThat(FIT.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.0005));
  }

  @Test
  void theFitsLogLikelihoodIsTheSumOfTheCustomersLogLikelihoods() {
    double sum = CDNOW.stream()
        .mapToDouble(c -> MODEL.logLikelihood(c.frequency(), c.recency(), c.T())).sum();

    assertThat(FIT.logLikelihood()).isCloseTo(sum, within(1e-8));
  }

  @Test
  void theFitIsAMaximumOfTheLogLikelihood() {
    double[] p = {FIT.r(), FIT.alpha(), FIT.a(), FIT.b()};
    for (int i = 0; i < 4; i++) {
      for (double factor : new double[] {0.999, 1.001}) {
        double[] q = p.clone();
        q[i] *= factor;
        BgNbd moved = new BgNbd(q[0], q[1], q[2], q[3]);
        double ll = CDNOW.stream()
            .mapToDouble(c -> moved.logLikelihood(c.frequency(), c.recency(), c.T())).sum();
        assertThat(ll).isLessThan(FIT.logLikelihood());
      }
    }
  }

  @Test
  void fittingInDaysInsteadOfWeeksScalesAlphaBySevenAndLeavesTheRest() {
    BgNbdFit days = BgNbd.fit(Rfm.summarize(Cdnow.transactions(), Cdnow.CALIBRATION_END,
        TimeUnit.DAY));

    assertThat(days.r()).isCloseTo(FIT.r(), within(1e-6));
    assertThat(days.alpha()).isCloseTo(7 * FIT.alpha(), within(1e-4));
    assertThat(days.a()).isCloseTo(FIT.a(), within(1e-6));
    assertThat(days.b()).isCloseTo(FIT.b(), within(1e-5));
  }

  @Test
  void pAliveIsOneForCustomersWithoutRepeatPurchases() {
    assertThat(MODEL.pAlive(0, 0, 38.86)).isEqualTo(1.0);
    assertThat(MODEL.pAlive(0, 0, 0)).isEqualTo(1.0);
  }

  @Test
  void pAliveFallsTheLongerARepeatBuyerHasBeenSilent() {
    double recent = MODEL.pAlive(2, 38, 38.86);
    double silent = MODEL.pAlive(2, 10, 38.86);

    assertThat(recent).isBetween(0.0, 1.0).isGreaterThan(silent);
    assertThat(silent).isPositive();
    // FHL 2005 eq. 13, written out
    double odds = FIT.a() / (FIT.b() + 2 - 1)
        * Math.pow((FIT.alpha() + 38.86) / (FIT.alpha() + 10), FIT.r() + 2);
    assertThat(silent).isCloseTo(1 / (1 + odds), within(1e-15));
  }

  @Test
  void expectedPurchasesIncreaseWithTheHorizonFromZero() {
    double previous = MODEL.expectedPurchases(0, 2, 30.43, 38.86);
    assertThat(previous).isZero();
    for (double t : new double[] {0.5, 1, 5, 13, 26, 39, 52, 104, 520}) {
      double e = MODEL.expectedPurchases(t, 2, 30.43, 38.86);
      assertThat(e).as("t = %s", t).isGreaterThan(previous);
      previous = e;
    }
  }

  @Test
  void expectedPurchasesOfANewCustomerMatchEquationNineSummedWithoutTransformation() {
    // E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]
    for (double t : new double[] {1, 10, 39, 100}) {
      double z = t / (FIT.alpha() + t);
      double direct = (FIT.a() + FIT.b() - 1) / (FIT.a() - 1)
          * (1 - Math.pow(FIT.alpha() / (FIT.alpha() + t), FIT.r())
              * Hypergeometric.hyp2f1(FIT.r(), FIT.b(), FIT.a() + FIT.b() - 1, z));
      assertThat(FIT.expectedPurchasesNewCustomer(t)).as("t = %s", t)
          .isCloseTo(direct, within(1e-11 * direct));
    }
  }

  @Test
  void expectedPurchasesForASmallHistoryMatchEquationTenSummedWithoutTransformation() {
    int x = 2;
    double tx = 30.43;
    double bigT = 38.86;
    double t = 39;
    double z = t / (FIT.alpha() + bigT + t);
    double direct = (FIT.a() + FIT.b() + x - 1) / (FIT.a() - 1)
        * (1 - Math.pow((FIT.alpha() + bigT) / (FIT.alpha() + bigT + t), FIT.r() + x)
            * Hypergeometric.hyp2f1(FIT.r() + x, FIT.b() + x, FIT.a() + FIT.b() + x - 1, z))
        * FIT.pAlive(x, tx, bigT);

    assertThat(FIT.expectedPurchases(t, x, tx, bigT)).isCloseTo(direct, within(1e-11 * direct));
  }

  @Test
  void expectedPurchasesForTwoHundredRepeatPurchasesAndZNearOneMatchExactDecimalSummation() {
    // z = t / (alpha + T + t) = 0.99; the plain 2F1 here is ~1e400 and (1-z)^(r+x) ~ 1e-400.
    BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
    double t = 99 * (m.alpha() + 39);

    assertThat(t / (m.alpha() + 39 + t)).isCloseTo(0.99, within(1e-12));
    double expected = equationTenByDecimalSummation(m, t, 200, 38, 39);
    assertThat(m.expectedPurchases(t, 200, 38, 39)).isCloseTo(expected, within(1e-9 * expected));
  }

  @Test
  void expectedPurchasesWithAlmostNoSpreadInDropoutMatchExactDecimalSummationOfEquationTen() {
    // a and b in the millions (what a small sample's fit can give): the transformed series would
    // climb for tens of millions of terms, eq. 10 as written shrinks from its first term
    BgNbd m = new BgNbd(0.83, 1.0, 1.8e6, 1.27e7);
    double t = 26 * (m.alpha() + 14);

    assertThat(t / (m.alpha() + 14 + t)).isCloseTo(0.963, within(1e-3));
    double expected = equationTenByDecimalSummation(m, t, 2, 10, 14);
    assertThat(m.expectedPurchases(t, 2, 10, 14)).isCloseTo(expected, within(1e-9 * expected));
  }

  /** FHL 2005 eq. 10 as written, its 2F1 summed exactly in decimals (HypergeometricTest). */
  private static double equationTenByDecimalSummation(BgNbd m, double t, int x, double tx, double bigT) {
    double z = t / (m.alpha() + bigT + t);
    double c = m.a() + m.b() + x - 1;
    double lnPowerTimesF = (m.r() + x) * Math.log1p(-z)
        + HypergeometricTest.lnOfDecimalSeries(m.r() + x, m.b() + x, c, z);
    double odds = m.a() / (m.b() + x - 1)
        * Math.pow((m.alpha() + bigT) / (m.alpha() + tx), m.r() + x);
    return c / (m.a() - 1) * (1 - Math.exp(lnPowerTimesF)) / (1 + odds);
  }

  @Test
  void expectedPurchasesAreContinuousThroughAEqualsOne() {
    // Equation 10 divides by a - 1; the form we evaluate does not.
    double below = new BgNbd(0.243, 4.414, 1 - 1e-9, 2.426).expectedPurchases(39, 2, 30.43, 38.86);
    double at = new BgNbd(0.243, 4.414, 1, 2.426).expectedPurchases(39, 2, 30.43, 38.86);
    double above = new BgNbd(0.243, 4.414, 1 + 1e-9, 2.426).expectedPurchases(39, 2, 30.43, 38.86);

    assertThat(at).isFinite().isCloseTo(below, within(1e-8)).isCloseTo(above, within(1e-8));
  }

  @Test
  void fitRefusesDataWithoutRepeatPurchases() {
    List<CustomerSummary> nobodyCameBack = CDNOW.stream()
        .map(c -> new CustomerSummary(c.customerId(), 0, 0, c.T(), 0)).toList();

    assertThatThrownBy(() -> BgNbd.fit(nobodyCameBack))
        .isInstanceOf(FitException.class)
        .hasMessageContaining("none of the 2357 customers made a repeat purchase");
  }

  @Test
  void fitRefusesThreeCustomers() {
    List<CustomerSummary> three = List.of(new CustomerSummary("a", 1, 5, 10, 3),
        new CustomerSummary("b", 0, 0, 10, 0), new CustomerSummary("c", 3, 9, 10, 7));

    assertThatThrownBy(() -> BgNbd.fit(three))
        .isInstanceOf(FitException.class)
        .hasMessage("BG/NBD fit needs at least 20 customers, got 3");
  }

  @Test
  void fitThrowsWhenAParameterRunsToItsBoundInsteadOfReturningIt() {
    // Everybody bought 5 times and is still buying: nobody drops out, so a -> 0 or b -> infinity.
    List<CustomerSummary> nobodyLeaves = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      nobodyLeaves.add(new CustomerSummary("c" + i, 5, 10, 10, 10));
    }

    assertThatThrownBy(() -> BgNbd.fit(nobodyLeaves))
        .isInstanceOf(FitException.class)
        .hasMessageStartingWith("BG/NBD fit did not converge after ")
        .hasMessageContaining("bound")
        .hasMessageContaining("the data do not identify it");
  }

  @Test
  void theModelRefusesParametersThatAreNotPositive() {
    assertThatThrownBy(() -> new BgNbd(0.2, 0, 0.8, 2.4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }

  @Test
  void expectedPurchasesRefuseAnImpossibleHistory() {
    assertThatThrownBy(() -> MODEL.expectedPurchases(39, 2, 40, 38.86))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t_x <= T");
  }
}
