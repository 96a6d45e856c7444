package io.roundtrip.loaders.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 date-times: recognising them among string values and turning them into UTC
 * microseconds. Every string value of every event passes through {@link #parseMicros}, so it is a
 * hand-written scanner that gives up at the first character that does not fit.
 *
 * <p>Accepted: {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by {@code Z}, {@code +HH:mm},
 * {@code +HHmm}, {@code +HH} or nothing (then UTC). A date alone is not a timestamp: it stays a
 * string, as do times with a space instead of {@code T}.
 */
public final class Timestamps {

  /** Returned by {@link #parseMicros} for a string that is not a timestamp. */
  public static final long NOT_A_TIMESTAMP = Long.MIN_VALUE;

  private static final DateTimeFormatter ISO_UTC_MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static boolean isTimestamp(String s) {
    return parseMicros(s) != NOT_A_TIMESTAMP;
  }

  /** Microseconds since the epoch, or {@link #NOT_A_TIMESTAMP}. */
  public static long parseMicros(String s) {
    int n = s.length();
    if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
      return NOT_A_TIMESTAMP;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    if ((year | month | day | hour | minute) < 0) {
      return NOT_A_TIMESTAMP;
    }
    int i = 16;
    int second = 0;
    long nanos = 0;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, i + 1, 2);
      if (second < 0) {
        return NOT_A_TIMESTAMP;
      }
      i += 3;
      if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        int start = ++i;
        while (i < n && isDigit(s.charAt(i))) {
          if (i - start < 9) {
            nanos = nanos * 10 + (s.charAt(i) - '0');
          }
          i++;
        }
        int count = i - start;
        if (count == 0) {
          return NOT_A_TIMESTAMP;
        }
        for (int k = Math.min(count, 9); k < 9; k++) {
          nanos *= 10;
        }
      }
    }
    int offsetSeconds = 0;
    if (i < n) {
      char c = s.charAt(i);
      if (c == 'Z' || c == 'z') {
        i++;
      } else if (c == '+' || c == '-') {
        int sign = c == '-' ? -1 : 1;
        int oh = digits(s, i + 1, 2);
        if (oh < 0) {
          return NOT_A_TIMESTAMP;
        }
        i += 3;
        int om = 0;
        if (i < n) {
          if (s.charAt(i) == ':') {
            i++;
          }
          om = digits(s, i, 2);
          if (om < 0) {
            return NOT_A_TIMESTAMP;
          }
          i += 2;
        }
        if (oh > 18 || om > 59) {
          return NOT_A_TIMESTAMP;
        }
        offsetSeconds = sign * (oh * 3600 + om * 60);
      } else {
        return NOT_A_TIMESTAMP;
      }
    }
    if (i != n) {
      return NOT_A_TIMESTAMP;
    }
    try {
      long epochSecond =
          LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
      return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nanos / 1000);
    } catch (DateTimeException | ArithmeticException e) {
      return NOT_A_TIMESTAMP;
    }
  }

  /** ISO-8601 in UTC with microseconds, the form computed timestamps are written in. */
  public static String formatMicros(long micros) {
    return ISO_UTC_MICROS.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L));
  }

  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
