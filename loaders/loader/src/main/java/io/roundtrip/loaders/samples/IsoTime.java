package io.roundtrip.loaders.samples;

/**
 * Epoch millis to {@code 2026-01-05T10:11:12.345Z}. Every event carries four such timestamps, so
 * this skips {@code java.time}'s formatter; the fixed width lets duplicates overwrite a timestamp
 * in place.
 */
final class IsoTime {

  /** Length of every formatted timestamp (four-digit years only). */
  static final int LENGTH = 24;

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private IsoTime() {}

  static String format(long millis) {
    char[] out = new char[LENGTH];
    write(millis, out, 0);
    return new String(out);
  }

  static void append(StringBuilder sb, long millis) {
    char[] out = new char[LENGTH];
    write(millis, out, 0);
    sb.append(out);
  }

  static void write(long millis, char[] out, int at) {
    long days = Math.floorDiv(millis, MILLIS_PER_DAY);
    int ms = (int) Math.floorMod(millis, MILLIS_PER_DAY);
    // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    digits(out, at, year, 4);
    out[at + 4] = '-';
    digits(out, at + 5, month, 2);
    out[at + 7] = '-';
    digits(out, at + 8, day, 2);
    out[at + 10] = 'T';
    digits(out, at + 11, ms / 3_600_000, 2);
    out[at + 13] = ':';
    digits(out, at + 14, ms / 60_000 % 60, 2);
    out[at + 16] = ':';
    digits(out, at + 17, ms / 1000 % 60, 2);
    out[at + 19] = '.';
    digits(out, at + 20, ms % 1000, 3);
    out[at + 23] = 'Z';
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
