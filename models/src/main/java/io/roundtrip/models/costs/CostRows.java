package io.roundtrip.models.costs;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one set of rules for a line of campaign costs, whether it comes from a CSV file or a table:
 * campaign, source and medium are non-blank text (trimmed), day a date, spend a plain decimal of
 * zero or more; no two lines share campaign, source, medium and day (a repeated day would count
 * its spend twice). Every line is checked before any is used, so one run shows every problem.
 */
final class CostRows {

  static final int MAX_REPORTED_ERRORS = 10;

  private final String origin;
  private final List<CampaignCost> lines = new ArrayList<>();
  private final Map<List<Object>, String> seen = new HashMap<>();
  private final List<String> errors = new ArrayList<>();
  private int errorCount;

  /** @param origin the file or table, named in the messages of problems with it as a whole */
  CostRows(String origin) {
    this.origin = origin;
  }

  /**
   * Checks one line and keeps it when it is good.
   *
   * @param where how messages name the line ("costs.csv:7")
   * @param day a date: text as yyyy-MM-dd, or a date or timestamp value of a table (UTC day)
   * @param spend a number: text, or a numeric value of a table
   */
  void add(String where, Object campaign, Object source, Object medium, Object day, Object spend) {
    try {
      String c = text("campaign", campaign);
      String s = text("source", source);
      String m = text("medium", medium);
      LocalDate d = day(day);
      double amount = spend(spend);
      String earlier = seen.putIfAbsent(List.of(c, s, m, d), where);
      if (earlier != null) {
        throw new Problem("campaign '" + c + "', source '" + s + "', medium '" + m + "' on " + d
            + " is already on " + earlier + " (each day's spend once)");
      }
      lines.add(new CampaignCost(c, s, m, d, amount));
    } catch (Problem p) {
      error(where + ": " + p.getMessage());
    }
  }

  /** A problem of a line, already named. */
  void error(String message) {
    errorCount++;
    if (errors.size() < MAX_REPORTED_ERRORS) {
      errors.add(message);
    }
  }

  /** The costs, or every problem found. */
  CampaignCosts build() {
    if (errorCount == 1) {
      throw new MalformedCostsException(errors.get(0), errors);
    }
    if (errorCount > 1) {
      throw new MalformedCostsException(origin + ": " + errorCount + " malformed lines"
          + (errorCount > errors.size() ? ", the first " + errors.size() : "") + ":\n  "
          + String.join("\n  ", errors), errors);
    }
    return new CampaignCosts(origin, lines);
  }

  private static String text(String field, Object value) throws Problem {
    String text = value == null ? "" : value.toString().trim();
    if (text.isEmpty()) {
      throw new Problem("field '" + field + "': empty");
    }
    return text;
  }

  private static LocalDate day(Object value) throws Problem {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Instant instant) {
      return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
    String text = text("day", value);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new Problem("field 'day': not a date (yyyy-MM-dd): \"" + value + "\"");
    }
  }

  private static double spend(Object value) throws Problem {
    double amount;
    if (value instanceof Number number) {
      amount = number instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue();
    } else {
      String text = text("spend", value);
      try {
        // BigDecimal, not Double.parseDouble, which would also take "NaN", "Infinity" or "1d".
        amount = new BigDecimal(text).doubleValue();
      } catch (NumberFormatException e) {
        throw new Problem("field 'spend': not a number: \"" + value + "\"");
      }
    }
    if (!Double.isFinite(amount)) {
      throw new Problem("field 'spend': out of range: \"" + value + "\"");
    }
    if (amount < 0) {
      throw new Problem("field 'spend': negative: \"" + value + "\"");
    }
    return amount;
  }

  /** A problem with one value, before the line's name is put in front. */
  private static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }
}
