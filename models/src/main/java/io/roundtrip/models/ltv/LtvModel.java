package io.roundtrip.models.ltv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Both fitted models, and the scoring of customers with them.
 *
 * <p>Typical use: {@code LtvModel.fitAndScore(Rfm.summarize(transactions, end, unit),
 * LtvOptions.defaults(unit))}. A Spark job can instead fit on the driver, ship this
 * (serializable) record to the executors and call {@link #score} per customer, then assign
 * deciles with NTILE(10) over CLV descending (what {@link Deciles} does).
 *
 * <p>Expected value per purchase of a customer without repeat purchases (x = 0): the
 * Gamma-Gamma's formula with x = 0, which is exactly the population mean p gamma / (q - 1) of
 * the prior: we know nothing about her spend beyond the first purchase, which the model leaves
 * out. Customers with x &gt; 0 but mean repeat value &lt;= 0 (refunds) are outside the
 * Gamma-Gamma's support: they are left out of its fit and valued like x = 0.
 */
public record LtvModel(BgNbdFit bgNbd, GammaGammaFit gammaGamma) implements Serializable {

  private static final long serialVersionUID = 1L;

  public LtvModel {
    Objects.requireNonNull(bgNbd, "bgNbd");
    Objects.requireNonNull(gammaGamma, "gammaGamma");
  }

  /** The models and the scored customers (in the order given, deciles set). */
  public record Result(LtvModel model, List<CustomerValue> customers) {}

  /**
   * Fits the BG/NBD to all customers and the Gamma-Gamma to those with x &gt; 0 and a positive
   * mean repeat value.
   *
   * @throws FitException if either fit fails, or the Gamma-Gamma's q &lt;= 1 (an infinite mean
   *     spend, with which no value can be computed)
   */
  public static LtvModel fit(List<CustomerSummary> summaries) {
    BgNbdFit bg = BgNbd.fit(summaries);
    GammaGammaFit gg = GammaGamma.fit(monetaryCustomers(summaries).toList());
    if (!(gg.q() > 1)) {
      throw new FitException("Gamma-Gamma fit gives q = " + gg.q() + " <= 1, an infinite mean"
          + " spend per purchase (spend is too heavy-tailed for the model); no values computed");
    }
    return new LtvModel(bg, gg);
  }

  /** Fits both models and scores every customer. */
  public static Result fitAndScore(List<CustomerSummary> summaries, LtvOptions options) {
    LtvModel model = fit(summaries);
    return new Result(model, model.scoreAll(summaries, options));
  }

  /** Scores one customer; decile 0 (deciles need the whole population). */
  public CustomerValue score(CustomerSummary c, LtvOptions options) {
    BgNbd bg = bgNbd.model();
    return value(c, bg.pAlive(c.frequency(), c.recency(), c.T()),
        bg.expectedPurchases(options.horizon(), c.frequency(), c.recency(), c.T()),
        Clv.discountedExpectedPurchases(bg, c.frequency(), c.recency(), c.T(),
            options.horizon(), options.annualDiscountRate(), options.timeUnit()));
  }

  /** Scores all customers, in the order given, with deciles. */
  public List<CustomerValue> scoreAll(List<CustomerSummary> summaries, LtvOptions options) {
    BgNbd bg = bgNbd.model();
    // Customers with the same (x, t_x, T) - all the one-time buyers of a day, for instance -
    // get the same BG/NBD numbers; compute those once (the CLV sum costs `horizon` 2F1's).
    Map<Key, double[]> cache = new HashMap<>();
    List<CustomerValue> out = new ArrayList<>(summaries.size());
    for (CustomerSummary c : summaries) {
      Key key = new Key(c.frequency(), c.recency(), c.T());
      double[] v = cache.computeIfAbsent(key, k -> new double[] {
          bg.pAlive(k.x, k.tx, k.bigT),
          bg.expectedPurchases(options.horizon(), k.x, k.tx, k.bigT),
          Clv.discountedExpectedPurchases(bg, k.x, k.tx, k.bigT, options.horizon(),
              options.annualDiscountRate(), options.timeUnit())});
      out.add(value(c, v[0], v[1], v[2]));
    }
    return Deciles.assign(out);
  }

  /** Expected value per future purchase (see the class comment for x = 0). */
  public double expectedAverageValue(CustomerSummary c) {
    boolean known = c.frequency() > 0 && c.monetary() > 0;
    return gammaGamma.expectedAverageValue(known ? c.frequency() : 0, known ? c.monetary() : 0);
  }

  /** The fits as table rows. */
  public List<FitReport> fitReports() {
    return Stream.concat(FitReport.of(bgNbd).stream(), FitReport.of(gammaGamma).stream())
        .toList();
  }

  private CustomerValue value(CustomerSummary c, double pAlive, double expectedPurchases,
      double discountedPurchases) {
    double avg = expectedAverageValue(c);
    return new CustomerValue(c.customerId(), c.frequency(), c.recency(), c.T(), pAlive,
        expectedPurchases, avg, avg * discountedPurchases, 0);
  }

  private static Stream<CustomerSummary> monetaryCustomers(List<CustomerSummary> summaries) {
    return summaries.stream().filter(c -> c.frequency() > 0 && c.monetary() > 0);
  }

  private record Key(int x, double tx, double bigT) {}
}
