package io.roundtrip.models.ltv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way":
 * while alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after
 * each purchase she drops out with probability p ~ Beta(a, b). Times are in the unit of the
 * summaries it was fitted on (alpha carries that unit).
 *
 * <p>A record of the four parameters; {@link #fit} estimates them by maximum likelihood.
 */
public record BgNbd(double r, double alpha, double a, double b) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Fewer customers than this are refused: four parameters of a population's heterogeneity
   * cannot be estimated from a handful of people, and the optimum then typically lies on a bound.
   */
  public static final int MIN_CUSTOMERS = 20;

  static final String NAME = "BG/NBD";
  private static final String[] PARAMETERS = {"r", "alpha", "a", "b"};

  public BgNbd {
    for (double v : new double[] {r, alpha, a, b}) {
      if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "BG/NBD parameters must be positive and finite: r=" + r + ", alpha=" + alpha + ", a="
                + a + ", b=" + b);
      }
    }
  }

  /**
   * Customers sharing (x, t_x, T): the likelihood only depends on these, so a million customers
   * with daily data collapse to far fewer rows (a Spark job can aggregate and collect them).
   */
  public record Pattern(int x, double tx, double T, long count) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Pattern {
      if (x < 0 || !(tx >= 0 && tx <= T) || (x == 0 && tx != 0) || count <= 0) {
        throw new IllegalArgumentException(
            "invalid pattern x=" + x + ", t_x=" + tx + ", T=" + T + ", count=" + count);
      }
    }
  }

  /** Fits the model to the customers by maximum likelihood. */
  public static BgNbdFit fit(List<CustomerSummary> customers) {
    Map<Pattern, Long> counts = new HashMap<>();
    for (CustomerSummary c : customers) {
      counts.merge(new Pattern(c.frequency(), c.recency(), c.T(), 1), 1L, Long::sum);
    }
    List<Pattern> patterns = new ArrayList<>(counts.size());
    counts.forEach((p, n) -> patterns.add(new Pattern(p.x(), p.tx(), p.T(), n)));
    return fitPatterns(patterns);
  }

  /**
   * Fits the model to aggregated customers.
   *
   * @throws FitException with too few customers, no repeat purchases, or when the maximum
   *     likelihood estimate cannot be found
   */
  public static BgNbdFit fitPatterns(List<Pattern> patterns) {
    long customers = patterns.stream().mapToLong(Pattern::count).sum();
    if (customers < MIN_CUSTOMERS) {
      throw new FitException("BG/NBD fit needs at least " + MIN_CUSTOMERS + " customers, got "
          + customers);
    }
    if (patterns.stream().allMatch(p -> p.x() == 0)) {
      throw new FitException("BG/NBD fit: none of the " + customers + " customers made a repeat"
          + " purchase in the calibration period, so purchase rates and dropout cannot be"
          + " estimated");
    }
    // Measure time in units of the mean T while optimising, so that alpha starts (at 1) near
    // its optimum and the bounds mean the same for daily and weekly data. The estimates are
    // equivariant: alpha scales with time, r, a, b do not.
    double meanT = patterns.stream().mapToDouble(p -> p.T() * p.count()).sum() / customers;
    Likelihood scaled = new Likelihood(patterns, meanT);
    MaximumLikelihood.Optimum opt = MaximumLikelihood.maximize(
        NAME, PARAMETERS, scaled, new double[] {1, 1, 1, 1});
    double[] p = opt.parameters();
    double[] original = {p[0], p[1] * meanT, p[2], p[3]};
    double ll = new Likelihood(patterns, 1).applyAsDouble(original);
    return new BgNbdFit(original[0], original[1], original[2], original[3], ll,
        opt.iterations(), true, customers);
  }

  /**
   * The log-likelihood of one customer's (x, t_x, T) (FHL 2005, eq. 6), computed with
   * log-sum-exp so that it stays finite for large x and T:
   *
   * <pre>
   * L = B(a, b+x)/B(a, b) * Gamma(r+x) alpha^r / Gamma(r)
   *     * [ (alpha+T)^-(r+x) + [x&gt;0] a/(b+x-1) (alpha+t_x)^-(r+x) ]
   * </pre>
   */
  public double logLikelihood(int x, double tx, double T) {
    return new Likelihood(List.of(new Pattern(x, tx, T, 1)), 1)
        .applyAsDouble(new double[] {r, alpha, a, b});
  }

  /**
   * The probability that a customer with this history is still alive at T (FHL 2005, eq. 13):
   * 1 / (1 + [x&gt;0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)); 1 when x = 0, because in the BG/NBD
   * a customer can only drop out right after a purchase, and the first one does not count.
   */
  public double pAlive(int x, double tx, double T) {
    checkHistory(x, tx, T);
    if (x == 0) {
      return 1;
    }
    double lnOdds = Math.log(a) - Math.log(b + x - 1)
        + (r + x) * Math.log1p((T - tx) / (alpha + tx));
    return 1 / (1 + Math.exp(lnOdds)); // exp overflowing to infinity gives the right limit, 0
  }

  /**
   * E[Y(t) | x, t_x, T]: expected purchases in the next t units of a customer with this history
   * (FHL 2005, eq. 10):
   *
   * <pre>
   * (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)] * P(alive),
   * z = t/(alpha+T+t)
   * </pre>
   *
   * <p>As written, the 2F1's parameters grow with x and its value overflows (for x = 200,
   * z = 0.99 it is about 10^400) while the power in front underflows. Euler's transformation
   * 2F1(a',b';c;z) = (1-z)^(c-a'-b') 2F1(c-a', c-b'; c; z) cancels the two exactly and leaves
   * (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), whose parameters do not grow with x. Writing that
   * 2F1 as 1 + (a-1) S, with S = {@link Hypergeometric#hyp2f1MinusOneOverB}, gives
   *
   * <pre>
   * E = (a+b+x-1) [ (1 - (1-z)^(a-1))/(a-1) - (1-z)^(a-1) S ] * P(alive)
   * </pre>
   *
   * which no longer divides by a-1: it is accurate for a near 1 and defined at a = 1.
   *
   * <p>When the fit finds almost no spread in the dropout probability (a and b in the millions,
   * which small samples give), the transformed series must climb for millions of terms before it
   * shrinks, while eq. 10 as written, with parameters r+x and b+x, shrinks at once; it is then
   * summed as written, in logarithms so the power and the 2F1 cannot overflow apart.
   */
  public double expectedPurchases(double t, int x, double tx, double T) {
    checkHistory(x, tx, T);
    if (!(t >= 0 && t < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("horizon t must be >= 0 and finite, got " + t);
    }
    if (t == 0) {
      return 0;
    }
    double lnOneMinusZ = -Math.log1p(t / (alpha + T));
    double z = t / (alpha + T + t);
    double aMinus1 = a - 1;
    double power = Math.exp(aMinus1 * lnOneMinusZ);
    double oneMinusPowerOverAMinus1 =
        aMinus1 == 0 ? -lnOneMinusZ : -Math.expm1(aMinus1 * lnOneMinusZ) / aMinus1;
    // how far each series climbs before it shrinks: its first term ratio, about z p q / c
    double climbTransformed = z * Math.abs(a + b - 1 - r) * Math.abs(aMinus1) / (a + b + x - 1);
    double climbAsWritten = z * (r + x) * (b + x) / (a + b + x - 1);
    if (climbTransformed > 1e5 && climbAsWritten < climbTransformed) {
      double lnPowerTimesHyp = (r + x) * lnOneMinusZ
          + Hypergeometric.logHyp2f1(r + x, b + x, a + b + x - 1, z);
      return (a + b + x - 1) / aMinus1 * -Math.expm1(lnPowerTimesHyp) * pAlive(x, tx, T);
    }
    double s = Hypergeometric.hyp2f1MinusOneOverB(a + b - 1 - r, aMinus1, a + b + x - 1, z);
    return (a + b + x - 1) * (oneMinusPowerOverAMinus1 - power * s) * pAlive(x, tx, T);
  }

  /**
   * E[X(t)]: expected purchases in the first t units of a customer just acquired (FHL 2005,
   * eq. 9). That is eq. 10 with x = t_x = T = 0, which is how it is computed.
   */
  public double expectedPurchasesNewCustomer(double t) {
    return expectedPurchases(t, 0, 0, 0);
  }

  private static void checkHistory(int x, double tx, double T) {
    if (x < 0 || !(tx >= 0 && tx <= T) || !Double.isFinite(T) || (x == 0 && tx != 0)) {
      throw new IllegalArgumentException(
          "need x >= 0 and 0 <= t_x <= T (t_x = 0 when x = 0), got x=" + x + ", t_x=" + tx
              + ", T=" + T);
    }
  }

  /**
   * The sample log-likelihood of (r, alpha, a, b), the patterns' times divided by a scale.
   * Rows are grouped by x so the gamma and beta functions are evaluated once per distinct x, not
   * once per customer.
   */
  private static final class Likelihood implements ToDoubleFunction<double[]> {
    private final int[] xs;
    private final int[] groupStart; // rows of xs[g] are groupStart[g] .. groupStart[g+1]-1
    private final double[] groupCount;
    private final double[] tx;
    private final double[] bigT;
    private final double[] count;

    Likelihood(List<Pattern> patterns, double scale) {
      List<Pattern> sorted = new ArrayList<>(patterns);
      sorted.sort(Comparator.comparingInt(Pattern::x));
      int n = sorted.size();
      tx = new double[n];
      bigT = new double[n];
      count = new double[n];
      List<Integer> distinct = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Pattern p = sorted.get(i);
        if (i == 0 || p.x() != sorted.get(i - 1).x()) {
          distinct.add(p.x());
          starts.add(i);
        }
        tx[i] = p.tx() / scale;
        bigT[i] = p.T() / scale;
        count[i] = p.count();
      }
      starts.add(n);
      xs = distinct.stream().mapToInt(Integer::intValue).toArray();
      groupStart = starts.stream().mapToInt(Integer::intValue).toArray();
      groupCount = new double[xs.length];
      for (int g = 0; g < xs.length; g++) {
        for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
          groupCount[g] += count[i];
        }
      }
    }

    @Override
    public double applyAsDouble(double[] p) {
      double r = p[0];
      double alpha = p[1];
      double a = p[2];
      double b = p[3];
      double lnAlpha = Math.log(alpha);
      double lnGammaR = Gamma.logGamma(r);
      double lnBetaAB = Beta.logBeta(a, b);
      double lnA = Math.log(a);
      double ll = 0;
      for (int g = 0; g < xs.length; g++) {
        int x = xs[g];
        double rx = r + x;
        double common = Gamma.logGamma(rx) - lnGammaR + r * lnAlpha
            + Beta.logBeta(a, b + x) - lnBetaAB;
        double rows = 0;
        if (x == 0) {
          for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
            rows += count[i] * (-rx * Math.log(alpha + bigT[i]));
          }
        } else {
          double lnRatio = lnA - Math.log(b + x - 1);
          for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
            double alive = -rx * Math.log(alpha + bigT[i]);
            double dropped = lnRatio - rx * Math.log(alpha + tx[i]);
            rows += count[i] * logSumExp(alive, dropped);
          }
        }
        ll += groupCount[g] * common + rows;
      }
      return ll;
    }

    private static double logSumExp(double u, double v) {
      double max = Math.max(u, v);
      return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }
  }
}
