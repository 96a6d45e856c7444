package io.roundtrip.loaders.event;

import java.math.BigDecimal;

/** Whether a JSON number's text survives as a double. */
final class Numbers {

  /** A decimal with this many significant digits or fewer always comes back from a double unchanged. */
  private static final int ALWAYS_EXACT_DIGITS = 15;

  private Numbers() {}

  /**
   * True when {@code value}, the double parsed from {@code text}, stands for the same number: the
   * shortest decimal that reads back as the double equals the text's number. {@code 0.1} and
   * {@code 1.50} do; {@code 0.12345678901234567890} does not.
   */
  static boolean fitsDouble(String text, double value) {
    if (significantDigits(text) <= ALWAYS_EXACT_DIGITS) {
      return true;
    }
    return new BigDecimal(text).compareTo(new BigDecimal(Double.toString(value))) == 0;
  }

  private static int significantDigits(String text) {
    int digits = 0;
    boolean leading = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'e' || c == 'E') {
        break;
      }
      if (c >= '0' && c <= '9') {
        if (c != '0' || !leading) {
          leading = false;
          digits++;
        }
      }
    }
    return digits;
  }
}
