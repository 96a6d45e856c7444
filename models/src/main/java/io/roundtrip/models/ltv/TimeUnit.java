package io.roundtrip.models.ltv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The unit in which recency, T, horizons and the fitted alpha are expressed. Alpha scales with
 * the unit (alpha in days = 7 x alpha in weeks); r, a and b do not.
 */
public enum TimeUnit {
  DAY(1, 365),
  WEEK(7, 52);

  private final int days;
  private final int perYear;

  TimeUnit(int days, int perYear) {
    this.days = days;
    this.perYear = perYear;
  }

  /** Days in one unit. */
  public int days() {
    return days;
  }

  /**
   * Units per year, for turning an annual discount rate into a per-unit one. 52 rather than
   * 365.25/7: the convention of the CLV literature and of the spreadsheets people check us with.
   */
  public int perYear() {
    return perYear;
  }

  /** Whole days from {@code from} to {@code to}, in this unit (fractional for weeks). */
  public double between(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to) / (double) days;
  }

  /** Parses "day"/"week" (any case, optional plural "s"), as typed on a command line. */
  public static TimeUnit parse(String text) {
    String t = text.trim().toUpperCase(java.util.Locale.ROOT);
    if (t.endsWith("S")) {
      t = t.substring(0, t.length() - 1);
    }
    for (TimeUnit unit : values()) {
      if (unit.name().equals(t)) {
        return unit;
      }
    }
    throw new IllegalArgumentException("unknown time unit \"" + text + "\"; expected day or week");
  }
}
