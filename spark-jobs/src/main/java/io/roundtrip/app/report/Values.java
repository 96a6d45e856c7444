package io.roundtrip.app.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.spark.sql.Row;

/** Reading a result row's values as the report shows them: numbers, text, UTC days and times. */
final class Values {

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private Values() {}

  /** A numeric column as a double; null reads 0 (a sum over no rows, a step nobody reached). */
  static double number(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value == null ? 0 : ((Number) value).doubleValue();
  }

  /** A numeric column, or null. */
  static Double nullableNumber(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value == null ? null : ((Number) value).doubleValue();
  }

  static long count(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value == null ? 0 : ((Number) value).longValue();
  }

  static String text(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value == null ? "" : value.toString();
  }

  /** A date column (java.sql.Date, or LocalDate with Spark's Java 8 time API). */
  static LocalDate day(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
  }

  /** A timestamp column to the minute, in UTC: {@code 2026-01-05 09:30}. */
  static String minute(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    if (value == null) {
      return "";
    }
    Instant instant = value instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) value;
    return MINUTES.format(instant);
  }
}
