package io.roundtrip.models.ltv;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One purchase: who, on which day, for how much. The time of day is deliberately absent: the
 * models count purchase <em>days</em>, so anything finer than a date would be thrown away anyway.
 * Amounts may be zero or negative (refunds); {@link Rfm} nets them per day.
 */
public record Transaction(String customerId, LocalDate date, double amount) {

  public Transaction {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(date, "date");
    if (customerId.isBlank()) {
      throw new IllegalArgumentException("customerId is blank");
    }
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("amount of customer " + customerId + " on " + date
          + " is not finite: " + amount);
    }
  }
}
