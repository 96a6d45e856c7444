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
 *   <li>{@link #coerce}: a value stored in a column of another type. An existing column keeps its
 *       type (changing it would rewrite the table); values that convert without loss are converted,
 *       the rest are discarded with a reason and go to {@code _roundtrip.discards}.
 * </ul>
 *
 * <p>These follow RudderStack's {@code HandleSchemaChange} except for one case on purpose: a
 * fractional number in a bigint column is discarded, not truncated, because the warehouse never
 * silently changes a value.
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
