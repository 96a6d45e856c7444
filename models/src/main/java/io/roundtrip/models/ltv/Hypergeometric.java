package io.roundtrip.models.ltv;

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) = sum_k (a)_k (b)_k / ((c)_k k!) z^k for
 * 0 &lt;= z &lt; 1, summed until a rigorous bound on the rest of the series is below
 * {@link #RELATIVE_TOLERANCE} of the sum, never for a fixed number of terms.
 *
 * <p>Why the bound is rigorous: the term ratio is t_{j+1} / t_j = z (a+j)/(c+j) (b+j)/(1+j). Once
 * a+j, b+j and c+j are positive each factor is monotone in j, so for all j &gt;= k
 * |ratio| &lt;= rho_k = z max(1, (a+k)/(c+k)) max(1, (b+k)/(1+k)), and likewise with a and b
 * swapped (the smaller of the two is used: with b in the millions only the second is ever below 1,
 * while the terms shrink from the start). When rho_k &lt; 1 the terms
 * after t_k are dominated by a geometric series and |rest| &lt;= |t_k| rho_k / (1 - rho_k).
 *
 * <p>Large parameters (the BG/NBD's a = r + x, b = b + x for a customer with x = 200) make the
 * terms grow enormously before they shrink, past the range of a double; the sum is kept as
 * mantissa times e^scale and {@link #logHyp2f1} returns its logarithm. Callers who can should
 * apply Euler's transformation 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) first, whose
 * parameters do not grow with x (as {@link BgNbd} does); this class sums what it is given.
 */
public final class Hypergeometric {

  /** Relative accuracy of the truncated series (rounding adds a few ulps per thousand terms). */
  public static final double RELATIVE_TOLERANCE = 1e-14;

  /**
   * Terms before giving up. The number needed grows like log(tolerance) / log(z), about 3,200
   * for z = 0.99 and 32,000 for 0.999; ten million allows z up to about 1 - 3e-6.
   */
  public static final int MAX_TERMS = 10_000_000;

  private static final double RESCALE_ABOVE = 1e250;
  private static final double RESCALE_BY = 1e-250;
  private static final double LOG_RESCALE = Math.log(1e250);

  private Hypergeometric() {}

  /** 2F1(a, b; c; z); infinite if the value exceeds the range of a double. */
  public static double hyp2f1(double a, double b, double c, double z) {
    Sum s = sum(a, b, c, z, 0, 1.0);
    return s.mantissa * Math.exp(s.logScale);
  }

  /**
   * ln 2F1(a, b; c; z), for values too large for a double. The value must be positive (it is
   * whenever a, b, c &gt; 0, because then every term is).
   */
  public static double logHyp2f1(double a, double b, double c, double z) {
    Sum s = sum(a, b, c, z, 0, 1.0);
    if (!(s.mantissa > 0)) {
      throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z
          + ") is not positive, so it has no logarithm: " + s.mantissa * Math.exp(s.logScale));
    }
    return s.logScale + Math.log(s.mantissa);
  }

  /**
   * (2F1(a, b; c; z) - 1) / b, continuous at b = 0 (there it is sum_{k&gt;=1} (a)_k (k-1)! /
   * ((c)_k k!) z^k). Subtracting the leading 1 from a computed 2F1 would lose the digits that
   * matter when b is small; this sums the series from its second term with the factor b taken
   * out, which is what the BG/NBD conditional expectation needs when a is near 1.
   */
  public static double hyp2f1MinusOneOverB(double a, double b, double c, double z) {
    // t_1 / b = a z / c; later ratios are those of the full series.
    Sum s = sum(a, b, c, z, 1, a * z / c);
    return s.mantissa * Math.exp(s.logScale);
  }

  private record Sum(double mantissa, double logScale) {}

  /** Sums the terms from t_{k0} = first onward. */
  private static Sum sum(double a, double b, double c, double z, int k0, double first) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("2F1 is only summed for 0 <= z < 1, got z = " + z);
    }
    if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
      throw new IllegalArgumentException(
          "2F1 parameters must be finite: " + a + ", " + b + "; " + c);
    }
    if (c <= 0 && c == Math.rint(c)) {
      throw new IllegalArgumentException("2F1 is undefined for c = " + c + " (a pole)");
    }
    double term = first;
    double sum = first;
    double logScale = 0;
    // Past this index a+k, b+k, c+k are all positive and the tail bound applies.
    double monotoneFrom = Math.max(Math.max(-a, -b), Math.max(-c, 0));
    for (int k = k0; k < MAX_TERMS; k++) {
      if (term == 0 || z == 0) {
        return new Sum(sum, logScale); // terminating series (a or b a non-positive integer)
      }
      if (k > monotoneFrom) {
        // either pairing of the four factors bounds the ratio; the smaller bound stops sooner
        double rho = z * Math.min(Math.max(1, (a + k) / (c + k)) * Math.max(1, (b + k) / (1.0 + k)),
            Math.max(1, (b + k) / (c + k)) * Math.max(1, (a + k) / (1.0 + k)));
        if (rho < 1 && Math.abs(term) * rho / (1 - rho) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
          return new Sum(sum, logScale);
        }
      }
      term *= (a + k) / (c + k) * (b + k) / (1.0 + k) * z;
      sum += term;
      if (Math.abs(sum) > RESCALE_ABOVE || Math.abs(term) > RESCALE_ABOVE) {
        // Keep term and sum in range; only their ratio to each other matters for the bound.
        term *= RESCALE_BY;
        sum *= RESCALE_BY;
        logScale += LOG_RESCALE;
      }
      if (!Double.isFinite(sum)) {
        break;
      }
    }
    throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z
        + ") did not converge to relative accuracy " + RELATIVE_TOLERANCE + " within " + MAX_TERMS
        + " terms (z too close to 1, or the sum cancels to nearly 0)");
  }
}
