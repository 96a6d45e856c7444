package io.roundtrip.models.sql.materialize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code [start, end)} interval a time_range model replaces. */
public record TimeRange(Instant start, Instant end) {

  private static final DateTimeFormatter LITERAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  public TimeRange {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("--start " + start + " must be before --end " + end);
    }
  }

  /** A {@code --start}/{@code --end} value: a date (midnight UTC) or an ISO-8601 instant. */
  public static Instant parse(String value, String option) {
    try {
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " '" + value + "' is not a date (2026-01-31) or an instant "
          + "(2026-01-31T12:00:00Z)");
    }
  }

  /** A SQL timestamp literal the warehouses all read: {@code '2026-01-01 00:00:00'}. */
  static String literal(Instant instant) {
    return "'" + LITERAL.format(instant) + "'";
  }

  /** What templates see as {@code time_range.start} and {@code time_range.end}. */
  public Map<String, String> templateValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("start", literal(start));
    values.put("end", literal(end));
    return values;
  }

  /** The SELECT's rows inside the interval, so a replace writes exactly the interval. */
  public String filter(String select, String column) {
    return "select * from (\n" + select + "\n) dbt_time_range where " + column + " >= " + literal(start) + " and "
        + column + " < " + literal(end);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
