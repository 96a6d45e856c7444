package io.roundtrip.models.ltv;

import java.io.Serializable;

/**
 * A scored customer.
 *
 * @param frequency x, repeat purchase days in the calibration period
 * @param recency t_x, in the time unit
 * @param T age at the end of calibration, in the time unit
 * @param pAlive probability the customer is still alive at the end of calibration
 * @param expectedPurchases purchases expected over the horizon (undiscounted)
 * @param expectedAvgValue expected value per future purchase (Gamma-Gamma)
 * @param clv discounted value of the purchases expected over the horizon (see {@link Clv})
 * @param decile 1 for the top tenth by CLV .. 10 for the bottom; 0 when scored on its own
 *     (deciles only exist relative to a population, see {@link Deciles})
 */
public record CustomerValue(String customerId, int frequency, double recency, double T,
    double pAlive, double expectedPurchases, double expectedAvgValue, double clv, int decile)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public CustomerValue {
    if (decile < 0 || decile > 10) {
      throw new IllegalArgumentException("decile must be 0..10, got " + decile);
    }
  }

  /** This customer in the given decile. */
  public CustomerValue withDecile(int decile) {
    return new CustomerValue(customerId, frequency, recency, T, pAlive, expectedPurchases,
        expectedAvgValue, clv, decile);
  }
}
