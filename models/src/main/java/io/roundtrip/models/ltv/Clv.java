package io.roundtrip.models.ltv;

/**
 * Customer lifetime value over a finite horizon, discounted:
 *
 * <pre>
 * CLV = E[M] * sum_{i=1..H} (E[Y(i)] - E[Y(i-1)]) / (1 + d_unit)^i
 * d_unit = (1 + d)^(1 / units per year) - 1
 * </pre>
 *
 * where E[Y(i)] is the BG/NBD's expected number of purchases in the next i units given the
 * customer's history (so E[Y(i)] - E[Y(i-1)] is the expected purchases in unit i, E[Y(0)] = 0),
 * E[M] the Gamma-Gamma's expected value of one of her future purchases, H the horizon in units
 * and d the annual discount rate. d_unit is the rate per unit that compounds to d over a year
 * (52 weeks or 365 days, see {@link TimeUnit#perYear}). Purchases in unit i are discounted as if
 * made at its end.
 *
 * <p>Expected spend does not depend on the number of purchases (the Gamma-Gamma's assumption
 * that value and frequency are independent), which is why E[M] factors out of the sum.
 */
public final class Clv {

  /** The discount rate used when none is given: 10% a year. */
  public static final double DEFAULT_ANNUAL_DISCOUNT_RATE = 0.10;

  private Clv() {}

  /** The discount rate per unit equivalent to {@code annualRate} per year. */
  public static double perUnitRate(double annualRate, TimeUnit unit) {
    if (!(annualRate > -1 && annualRate < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("annual discount rate must be > -1, got " + annualRate);
    }
    return Math.pow(1 + annualRate, 1.0 / unit.perYear()) - 1;
  }

  /**
   * sum_{i=1..H} (E[Y(i)] - E[Y(i-1)]) / (1 + d_unit)^i: the customer's expected purchases over
   * the horizon, each discounted to today. CLV is this times the expected value per purchase.
   */
  public static double discountedExpectedPurchases(BgNbd model, int x, double tx, double T,
      int horizon, double annualRate, TimeUnit unit) {
    if (horizon < 0) {
      throw new IllegalArgumentException("horizon must be >= 0, got " + horizon);
    }
    double factor = 1 / (1 + perUnitRate(annualRate, unit));
    double discount = 1;
    double previous = 0;
    double sum = 0;
    for (int i = 1; i <= horizon; i++) {
      double current = model.expectedPurchases(i, x, tx, T);
      discount *= factor;
      sum += (current - previous) * discount;
      previous = current;
    }
    return sum;
  }

  /** The CLV of a customer whose expected value per purchase is {@code expectedAverageValue}. */
  public static double value(BgNbd model, int x, double tx, double T, double expectedAverageValue,
      int horizon, double annualRate, TimeUnit unit) {
    return expectedAverageValue
        * discountedExpectedPurchases(model, x, tx, T, horizon, annualRate, unit);
  }
}
