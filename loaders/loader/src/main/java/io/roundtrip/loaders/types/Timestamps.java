package io.roundtrip.loaders.types;

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
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59
        || second > 59) {
      return NOT_A_TIMESTAMP;
    }
    long epochSecond = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
        - offsetSeconds;
    return epochSecond * 1_000_000L + nanos / 1000;
  }

  /** ISO-8601 in UTC with microseconds, the form computed timestamps are written in. */
  public static String formatMicros(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    long fraction = Math.floorMod(micros, 1_000_000L);
    long days = Math.floorDiv(seconds, 86_400L);
    long secondOfDay = Math.floorMod(seconds, 86_400L);
    // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    StringBuilder out = new StringBuilder(27);
    pad(out, year, 4).append('-');
    pad(out, month, 2).append('-');
    pad(out, day, 2).append('T');
    pad(out, secondOfDay / 3600, 2).append(':');
    pad(out, secondOfDay / 60 % 60, 2).append(':');
    pad(out, secondOfDay % 60, 2).append('.');
    return pad(out, fraction, 6).append('Z').toString();
  }

  /** Days from 1970-01-01 to the date (Howard Hinnant's algorithm, exact for every Gregorian date). */
  static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static StringBuilder pad(StringBuilder out, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
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
