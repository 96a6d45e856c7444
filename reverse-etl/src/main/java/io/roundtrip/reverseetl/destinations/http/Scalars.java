package io.roundtrip.reverseetl.destinations.http;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Field values as the text that form parameters and string-only attributes need. A record field
 * is a String, Long, Double, Boolean, or a nested Map/List (see {@link
 * io.roundtrip.reverseetl.destination.SyncRecord}); only the scalars have a text form here.
 */
public final class Scalars {

  private Scalars() {}

  public static boolean isNested(Object value) {
    return value instanceof Map<?, ?> || value instanceof List<?> || value instanceof Object[];
  }

  /**
   * The text of a scalar. Decimals are written in plain notation because {@code
   * Double.toString(1.0E7)} is not a number most APIs accept.
   *
   * @throws IllegalArgumentException for a nested value; check {@link #isNested} first
   */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (isNested(value)) {
      throw new IllegalArgumentException("a nested value has no text form");
    }
    if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof Float f && !f.isNaN() && !f.isInfinite()) {
      return new BigDecimal(Float.toString(f)).toPlainString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  /** A field that must be non-blank text, or null when it is missing, blank or nested. */
  public static String nonBlankText(Object value) {
    if (value == null || isNested(value)) {
      return null;
    }
    String text = text(value).trim();
    return text.isEmpty() ? null : text;
  }
}
