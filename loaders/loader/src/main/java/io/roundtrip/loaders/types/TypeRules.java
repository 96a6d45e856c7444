package io.roundtrip.loaders.types;

import io.roundtrip.warehouse.ColumnType;
import java.util.Set;

/**
 * The type rules of the warehouse schema, as pure functions.
 *
 * <ul>
 *   <li>{@link #resolveNewColumn}: the type a new column gets from the values of one load. The
 *       earliest value decides (Segment: "the first value sets the type"), except that a mix of
 *       integers and other numbers widens to double, which loses nothing.
 *   <li>{@link #widened}: the type an existing column takes after a load. A bigint column that
 *       receives a number with a fraction becomes a double (every earlier value is kept: the
 *       warehouse checks that none is beyond 2^53, which a double cannot hold exactly). Nothing else
 *       changes type: a string column stays string, and numbers stored there are their text.
 *   <li>{@link #coerce}: a value stored in a column of another type. Values that convert without
 *       loss are converted, the rest are discarded with a reason and go to
 *       {@code _roundtrip.discards}: text in a number column, an object or number in a boolean one,
 *       a non-date in a timestamp one.
 * </ul>
 *
 * <p>These follow RudderStack's {@code HandleSchemaChange} except where Roundtrip never changes a
 * value silently: a fraction arriving in a bigint column widens it (RudderStack truncates), and
 * where widening would lose digits of the integers already there, the fraction is discarded.
 */
public final class TypeRules {

  /** Returned by {@link #coerce} when the value cannot be stored in the column. */
  public static final Object DISCARD = new Object() {
    @Override
    public String toString() {
      return "DISCARD";
    }
  };

  /** Doubles with a magnitude up to 2^53 hold every integer exactly. */
  private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

  private TypeRules() {}

  /**
   * The type of an existing column after a load whose values had a fraction ({@code sawFraction})
   * or not: bigint widens to double; every other type stays.
   */
  public static ColumnType widened(ColumnType existing, boolean sawFraction) {
    return existing == ColumnType.BIGINT && sawFraction ? ColumnType.DOUBLE : existing;
  }

  /** Whether every integer up to this magnitude survives a move to a double column. */
  public static boolean fitsDouble(long magnitude) {
    return magnitude <= EXACT_DOUBLE_LIMIT;
  }

  public static boolean hasFraction(double value) {
    return !Double.isInfinite(value) && !Double.isNaN(value) && value != Math.rint(value);
  }

  public static ColumnType resolveNewColumn(ColumnType earliest, Set<ColumnType> observed) {
    if (observed.contains(ColumnType.DOUBLE) && observed.contains(ColumnType.BIGINT)
        && (earliest == ColumnType.BIGINT || earliest == ColumnType.DOUBLE)) {
      return ColumnType.DOUBLE;
    }
    return earliest;
  }

  /**
   * The value to store in a {@code column}-typed column for a value inferred as {@code valueType},
   * or {@link #DISCARD}. Values are Long, Double, Boolean or String (TIMESTAMP values are their
   * ISO-8601 text).
   */
  public static Object coerce(ColumnType column, ColumnType valueType, Object value) {
    if (column == valueType) {
      return value;
    }
    switch (column) {
      case STRING:
        return asText(valueType, value);
      case DOUBLE:
        if (valueType == ColumnType.BIGINT) {
          long v = (Long) value;
          return Math.abs(v) <= EXACT_DOUBLE_LIMIT ? (Object) (double) v : DISCARD;
        }
        return DISCARD;
      case BIGINT:
        if (valueType == ColumnType.DOUBLE) {
          double v = (Double) value;
          boolean integral = v == Math.rint(v) && !Double.isInfinite(v);
          return integral && Math.abs(v) <= EXACT_DOUBLE_LIMIT ? (Object) (long) v : DISCARD;
        }
        return DISCARD;
      default:
        return DISCARD;
    }
  }

  /** Why {@link #coerce} discarded a value, in the form stored in the discards table. */
  public static String discardReason(ColumnType column, ColumnType valueType, Object value) {
    if (column == ColumnType.BIGINT && valueType == ColumnType.DOUBLE) {
      return "cannot store " + value + " in bigint column without losing its fraction";
    }
    if (column == ColumnType.DOUBLE && valueType == ColumnType.BIGINT) {
      return "cannot store " + value + " in double column without losing precision";
    }
    return "incompatible schema conversion from " + column.sqlName() + " to " + valueType.sqlName();
  }

  /** The text form a value takes in a string column. */
  public static String asText(ColumnType valueType, Object value) {
    return String.valueOf(value);
  }
}
