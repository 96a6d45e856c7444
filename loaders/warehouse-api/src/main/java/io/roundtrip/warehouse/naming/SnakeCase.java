package io.roundtrip.warehouse.naming;

import java.nio.charset.StandardCharsets;

/**
 * Segment's snake_case, the first step of every warehouse name.
 *
 * <p>Works on the UTF-8 bytes of the input, like Segment's go-snakecase: only ASCII letters and
 * digits survive, every run of other bytes becomes one word break, and a word is a run of capitals
 * and digits followed by a run of lower-case letters and digits, so digits stay attached to the
 * word they touch ({@code "Enabled 2FA" -> "enabled_2fa"}, {@code "p_z9Rg" -> "p_z9_rg"}). Leading
 * symbols and underscores vanish ({@code "_5TEst" -> "5test"}); the digit-first and reserved-word
 * rules in {@link NameRules} run after this step.
 */
public final class SnakeCase {

  private SnakeCase() {}

  public static String of(String input) {
    byte[] s = input.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(s.length + 8);
    int idx = 0;
    while (idx < s.length) {
      if (!isAlphanumeric(s[idx])) {
        idx++;
        continue;
      }
      // a word: capitals and digits, then lower-case letters and digits
      if (out.length() > 0) {
        out.append('_');
      }
      while (idx < s.length && (isUpper(s[idx]) || isDigit(s[idx]))) {
        out.append((char) toLower(s[idx++]));
      }
      while (idx < s.length && (isLower(s[idx]) || isDigit(s[idx]))) {
        out.append((char) s[idx++]);
      }
    }
    return out.toString();
  }

  private static boolean isAlphanumeric(byte c) {
    return isLower(c) || isUpper(c) || isDigit(c);
  }

  private static boolean isUpper(byte c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isLower(byte c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static byte toLower(byte c) {
    return isUpper(c) ? (byte) (c + ('a' - 'A')) : c;
  }
}
