package io.roundtrip.app.report.chart;

import java.util.Locale;

/** How a chart's values read: tick labels, value labels and tooltips are written with it. */
public enum Unit {
  /** Whole things: events, people, records. */
  COUNT,
  /** A fraction, shown as a percentage (0.25 reads 25%). */
  PERCENT,
  /** An amount of money, two decimals. */
  MONEY,
  /** A quantity that may be fractional (conversions shared between touches), two decimals. */
  NUMBER;

  /** A value as a label or tooltip shows it. */
  public String format(double value) {
    return switch (this) {
      case COUNT -> String.format(Locale.ROOT, "%,.0f", value);
      case PERCENT -> String.format(Locale.ROOT, "%.1f%%", value * 100);
      case MONEY, NUMBER -> String.format(Locale.ROOT, "%,.2f", value);
    };
  }

  /** A tick value, with only as many decimals as the tick step needs. */
  public String tick(double value, double step) {
    double shown = this == PERCENT ? value * 100 : value;
    double shownStep = this == PERCENT ? step * 100 : step;
    int decimals = shownStep >= 1 ? 0 : (int) Math.ceil(-Math.log10(shownStep) - 1e-9);
    return String.format(Locale.ROOT, "%,." + decimals + "f", shown) + (this == PERCENT ? "%" : "");
  }
}
