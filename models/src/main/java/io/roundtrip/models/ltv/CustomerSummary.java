package io.roundtrip.models.ltv;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the BG/NBD and Gamma-Gamma models know about a customer in the calibration period.
 *
 * @param customerId the customer
 * @param frequency x: the number of <em>repeat</em> purchase days (purchase days after the
 *     first; several purchases on one day count once)
 * @param recency t_x: time from the first purchase to the last, in the time unit (0 when x = 0)
 * @param T time from the first purchase to the end of the calibration period, in the time unit
 * @param monetary mean value of the repeat purchase days (the first purchase is left out, as in
 *     Fader &amp; Hardie's zbar); 0 when x = 0
 * @param firstPurchase the first purchase day, or null when the summary was made elsewhere
 */
public record CustomerSummary(String customerId, int frequency, double recency, double T,
    double monetary, LocalDate firstPurchase) {

  public CustomerSummary {
    Objects.requireNonNull(customerId, "customerId");
    // Summaries also arrive from Spark jobs and files, so check the invariants the likelihoods
    // rely on here rather than letting a NaN surface as "fit did not converge".
    if (frequency < 0) {
      throw new IllegalArgumentException(what(customerId) + "frequency " + frequency + " < 0");
    }
    if (!(recency >= 0 && recency <= T) || !Double.isFinite(T)) {
      throw new IllegalArgumentException(
          what(customerId) + "need 0 <= recency <= T, got recency " + recency + ", T " + T);
    }
    if (frequency == 0 && recency != 0) {
      throw new IllegalArgumentException(
          what(customerId) + "recency must be 0 without repeat purchases, got " + recency);
    }
    if (!Double.isFinite(monetary)) {
      throw new IllegalArgumentException(what(customerId) + "monetary is not finite: " + monetary);
    }
  }

  /** A summary without a first-purchase date (e.g. read from a published table). */
  public CustomerSummary(String customerId, int frequency, double recency, double T,
      double monetary) {
    this(customerId, frequency, recency, T, monetary, null);
  }

  private static String what(String customerId) {
    return "customer " + customerId + ": ";
  }
}
