package io.roundtrip.app.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in the config and on the command line: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}. */
public final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(s|m|h|d|w)");

  private Durations() {}

  public static Duration parse(String text, String what) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(what + " \"" + text + "\" is not a duration like 90s, 30m, 24h, 7d or 2w");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** A dedup window: a duration, or {@code all} for the whole table (returned as null). */
  public static Duration dedupWindow(String text) {
    if (text != null && text.trim().equalsIgnoreCase("all")) {
      return null;
    }
    return parse(text, "dedup window");
  }
}
