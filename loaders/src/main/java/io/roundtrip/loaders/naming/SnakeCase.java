package io.roundtrip.loaders.naming;

import java.nio.charset.StandardCharsets;

/**
 * Segment's snake_case, the first step of every warehouse name.
 *
 * <p>Works on the UTF-8 bytes of the input, like Segment's go-snakecase: only ASCII letters and
 * digits survive, every run of other bytes becomes one word break, an upper-case letter starts a
 * new word unless it continues a run of capitals or digits, and digits stay attached to the word
 * they touch ({@code "Enabled 2FA" -> "enabled_2fa"}). Leading symbols and underscores vanish, so
 * {@code "_5TEst" -> "5test"}: the digit-first and reserved-word rules in {@link NameRules} run
 * after this step.
 */
public final class SnakeCase {

  private SnakeCase() {}

  public static String of(String input) {
    byte[] s = input.getBytes(StandardCharsets.UTF_8);
    int idx = 0;
    // A prefix of lower-case letters, digits and inner underscores is already snake_case.
    while (idx < s.length
        && (isLower(s[idx]) || isDigit(s[idx])
            || (s[idx] == '_' && idx < s.length - 1 && (isLower(s[idx + 1]) || isDigit(s[idx + 1]))))) {
      idx++;
    }
    if (idx == s.length) {
      return input;
    }
    // A digit right before an upper-case letter belongs to the word that letter starts.
    if (idx > 0 && isDigit(s[idx - 1])) {
      idx--;
    }
    StringBuilder out = new StringBuilder(s.length + 8);
    for (int i = 0; i < idx; i++) {
      out.append((char) s[i]);
    }
    while (idx < s.length) {
      if (!isAlphanumeric(s[idx])) {
        idx++;
        continue;
      }
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
