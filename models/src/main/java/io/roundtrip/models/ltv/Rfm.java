package io.roundtrip.models.ltv;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns transactions into per-customer (x, t_x, T, monetary) summaries, the way Fader, Hardie
 * &amp; Lee prepared the CDNOW data:
 *
 * <ul>
 *   <li>only transactions on or before {@code calibrationEnd} count;
 *   <li>purchases on the same day are one purchase whose value is their sum (the models are about
 *       purchase occasions, and a basket split over two orders is still one occasion);
 *   <li>x = purchase days - 1 (repeat purchases);
 *   <li>t_x = last purchase day - first purchase day, T = calibrationEnd - first purchase day,
 *       both in whole days divided by the unit's length. T is measured to the <em>date</em>
 *       calibrationEnd, not to the end of that day: with calibration ending 1997-09-30 a customer
 *       who first bought on 1997-01-01 has T = 272 / 7 = 38.86 weeks, as in the published tables;
 *   <li>monetary = mean value of the repeat purchase days (the first day is left out, as Fader
 *       &amp; Hardie's zbar; 0 when x = 0).
 * </ul>
 *
 * <p>Daily totals are added as decimals ({@link BigDecimal#valueOf(double)} of each amount), so a
 * mean like 22.345 is not turned into 22.3449999 by binary rounding before anybody prints it.
 */
public final class Rfm {

  private Rfm() {}

  /**
   * Summaries of every customer with at least one transaction on or before {@code calibrationEnd}
   * (inclusive), in order of each customer's first appearance in {@code transactions}.
   */
  public static List<CustomerSummary> summarize(List<Transaction> transactions,
      LocalDate calibrationEnd, TimeUnit unit) {
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(unit, "unit");
    Map<String, TreeMap<LocalDate, BigDecimal>> days = new LinkedHashMap<>();
    for (Transaction t : transactions) {
      if (!t.date().isAfter(calibrationEnd)) {
        days.computeIfAbsent(t.customerId(), id -> new TreeMap<>())
            .merge(t.date(), BigDecimal.valueOf(t.amount()), BigDecimal::add);
      }
    }
    List<CustomerSummary> out = new ArrayList<>(days.size());
    days.forEach((id, daily) -> out.add(summary(id, daily, calibrationEnd, unit)));
    return out;
  }

  /**
   * As {@link #summarize(List, LocalDate, TimeUnit)} with the calibration period ending on the
   * last transaction's day (everything is calibration; nothing is held out).
   */
  public static List<CustomerSummary> summarize(List<Transaction> transactions, TimeUnit unit) {
    LocalDate last = transactions.stream().map(Transaction::date).max(LocalDate::compareTo)
        .orElseThrow(() -> new IllegalArgumentException("no transactions"));
    return summarize(transactions, last, unit);
  }

  /**
   * The summary of one customer from that customer's transactions (for a grouped Spark job);
   * empty when none is on or before {@code calibrationEnd}.
   */
  public static Optional<CustomerSummary> summarizeCustomer(String customerId,
      Iterable<Transaction> customerTransactions, LocalDate calibrationEnd, TimeUnit unit) {
    TreeMap<LocalDate, BigDecimal> daily = new TreeMap<>();
    for (Transaction t : customerTransactions) {
      if (!t.customerId().equals(customerId)) {
        throw new IllegalArgumentException("transaction of customer " + t.customerId()
            + " among those of customer " + customerId);
      }
      if (!t.date().isAfter(calibrationEnd)) {
        daily.merge(t.date(), BigDecimal.valueOf(t.amount()), BigDecimal::add);
      }
    }
    return daily.isEmpty() ? Optional.empty()
        : Optional.of(summary(customerId, daily, calibrationEnd, unit));
  }

  private static CustomerSummary summary(String id, TreeMap<LocalDate, BigDecimal> daily,
      LocalDate calibrationEnd, TimeUnit unit) {
    LocalDate first = daily.firstKey();
    LocalDate last = daily.lastKey();
    int x = daily.size() - 1;
    double monetary = 0;
    if (x > 0) {
      BigDecimal repeat = BigDecimal.ZERO;
      for (BigDecimal v : daily.tailMap(first, false).values()) {
        repeat = repeat.add(v);
      }
      monetary = repeat.divide(BigDecimal.valueOf(x), MathContext.DECIMAL64).doubleValue();
    }
    return new CustomerSummary(id, x, unit.between(first, last),
        unit.between(first, calibrationEnd), monetary, first);
  }
}
