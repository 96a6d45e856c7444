package io.roundtrip.models.ltv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma model of monetary value (Fader &amp; Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"): a customer's purchase values are Gamma(p, nu) around her own mean p/nu, and
 * nu ~ Gamma(q, gamma) across customers. The observed mean zbar of x purchases is then
 * Gamma(px, nu x). gamma carries the currency unit; p and q do not.
 *
 * <p>A record of the three parameters; {@link #fit} estimates them by maximum likelihood from
 * the repeat buyers' (x, zbar).
 */
public record GammaGamma(double p, double q, double gamma) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Fewer repeat buyers than this are refused (three parameters, a handful of people). */
  public static final int MIN_REPEAT_BUYERS = 10;

  static final String NAME = "Gamma-Gamma";
  private static final String[] PARAMETERS = {"p", "q", "gamma"};

  public GammaGamma {
    for (double v : new double[] {p, q, gamma}) {
      if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite: p="
            + p + ", q=" + q + ", gamma=" + gamma);
      }
    }
  }

  /**
   * Fits the model by maximum likelihood to the customers with x &gt; 0 (the others carry no
   * information about spend per repeat purchase and are skipped).
   *
   * @throws IllegalArgumentException if a customer with x &gt; 0 has monetary &lt;= 0, for
   *     which the model (a gamma distribution) has no density; leave such customers out
   * @throws FitException with fewer than {@link #MIN_REPEAT_BUYERS} repeat buyers or when the
   *     maximum likelihood estimate cannot be found
   */
  public static GammaGammaFit fit(List<CustomerSummary> repeatBuyers) {
    List<CustomerSummary> used = new ArrayList<>();
    for (CustomerSummary c : repeatBuyers) {
      if (c.frequency() > 0) {
        if (!(c.monetary() > 0)) {
          throw new IllegalArgumentException("Gamma-Gamma needs positive mean repeat purchase"
              + " values; customer " + c.customerId() + " has " + c.monetary());
        }
        used.add(c);
      }
    }
    if (used.size() < MIN_REPEAT_BUYERS) {
      throw new FitException("Gamma-Gamma fit needs at least " + MIN_REPEAT_BUYERS
          + " customers with repeat purchases, got " + used.size());
    }
    // Optimise in units of the mean zbar so gamma starts near its optimum whatever the currency
    // (cents, yen); gamma scales with the unit, p and q do not.
    double scale = used.stream().mapToDouble(CustomerSummary::monetary).average().orElseThrow();
    MaximumLikelihood.Optimum opt = MaximumLikelihood.maximize(
        NAME, PARAMETERS, new Likelihood(used, scale), new double[] {1, 1, 1});
    double[] s = opt.parameters();
    double[] original = {s[0], s[1], s[2] * scale};
    double ll = new Likelihood(used, 1).applyAsDouble(original);
    return new GammaGammaFit(original[0], original[1], original[2], ll, opt.iterations(), true,
        used.size());
  }

  /**
   * The log-density of a customer's mean value {@code monetary} over x purchases:
   * ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + (px-1) ln m + px ln x
   * - (px+q) ln(gamma + m x).
   */
  public double logLikelihood(int x, double monetary) {
    if (x <= 0 || !(monetary > 0)) {
      throw new IllegalArgumentException("need x > 0 and monetary > 0, got " + x + ", " + monetary);
    }
    return new Likelihood(List.of(new CustomerSummary("-", x, 0, 0, monetary)), 1)
        .applyAsDouble(new double[] {p, q, gamma});
  }

  /**
   * E[M | x, zbar]: the expected value of a customer's future purchases (Fader &amp; Hardie 2013,
   * eq. 5), (gamma + x zbar) p / (p x + q - 1), a weighted mean of the population mean
   * p gamma / (q-1) and her own zbar, leaning to zbar the more purchases she made. With x = 0 it
   * is the population mean. Requires q &gt; 1 (otherwise the population mean is infinite).
   */
  public double expectedAverageValue(int x, double monetary) {
    if (x < 0) {
      throw new IllegalArgumentException("x must be >= 0, got " + x);
    }
    if (!(q > 1)) {
      throw new IllegalStateException("Gamma-Gamma with q = " + q + " <= 1 has an infinite mean"
          + " spend per purchase; expected values are undefined");
    }
    double m = x == 0 ? 0 : monetary;
    return (gamma + x * m) * p / (p * x + q - 1);
  }

  /** The population mean spend per purchase, p gamma / (q - 1) (infinite when q &lt;= 1). */
  public double populationMean() {
    return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
  }

  /**
   * The sample log-likelihood of (p, q, gamma), the monetary values divided by a scale. The
   * gamma functions depend only on x, so they are evaluated once per distinct x.
   */
  private static final class Likelihood implements ToDoubleFunction<double[]> {
    private final int[] xs;
    private final double[] groupCount;
    private final double[] groupSumLnM; // sum of ln m over the group's customers
    private final int[] groupStart;
    private final double[] m;

    Likelihood(List<CustomerSummary> customers, double scale) {
      List<CustomerSummary> sorted = new ArrayList<>(customers);
      sorted.sort(Comparator.comparingInt(CustomerSummary::frequency));
      int n = sorted.size();
      m = new double[n];
      List<Integer> distinct = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        CustomerSummary c = sorted.get(i);
        if (i == 0 || c.frequency() != sorted.get(i - 1).frequency()) {
          distinct.add(c.frequency());
          starts.add(i);
        }
        m[i] = c.monetary() / scale;
      }
      starts.add(n);
      xs = distinct.stream().mapToInt(Integer::intValue).toArray();
      groupStart = starts.stream().mapToInt(Integer::intValue).toArray();
      groupCount = new double[xs.length];
      groupSumLnM = new double[xs.length];
      for (int g = 0; g < xs.length; g++) {
        for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
          groupCount[g]++;
          groupSumLnM[g] += Math.log(m[i]);
        }
      }
    }

    @Override
    public double applyAsDouble(double[] params) {
      double p = params[0];
      double q = params[1];
      double gamma = params[2];
      double lnGammaQ = Gamma.logGamma(q);
      double lnGamma = Math.log(gamma);
      double ll = 0;
      for (int g = 0; g < xs.length; g++) {
        int x = xs[g];
        double px = p * x;
        ll += groupCount[g] * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - lnGammaQ
            + q * lnGamma + px * Math.log(x));
        ll += (px - 1) * groupSumLnM[g];
        double rows = 0;
        for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
          rows += Math.log(gamma + m[i] * x);
        }
        ll -= (px + q) * rows;
      }
      return ll;
    }
  }
}
