package io.roundtrip.models.ltv;

import java.util.Objects;

/**
 * How to score: the time unit of the summaries, the horizon in that unit, and the annual
 * discount rate.
 */
public record LtvOptions(TimeUnit timeUnit, int horizon, double annualDiscountRate) {

  public LtvOptions {
    Objects.requireNonNull(timeUnit, "timeUnit");
    if (horizon < 0) {
      throw new IllegalArgumentException("horizon must be >= 0, got " + horizon);
    }
    Clv.perUnitRate(annualDiscountRate, timeUnit); // validates the rate
  }

  /** One year ahead (52 weeks or 365 days) at 10% a year. */
  public static LtvOptions defaults(TimeUnit timeUnit) {
    return new LtvOptions(timeUnit, timeUnit.perYear(), Clv.DEFAULT_ANNUAL_DISCOUNT_RATE);
  }

  public LtvOptions withHorizon(int horizon) {
    return new LtvOptions(timeUnit, horizon, annualDiscountRate);
  }

  public LtvOptions withAnnualDiscountRate(double rate) {
    return new LtvOptions(timeUnit, horizon, rate);
  }
}
