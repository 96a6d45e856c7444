package io.roundtrip.warehouse;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** When a column's type already holds another type's values: the one rule SQL models' column checks share. */
public final class Widening {

  private static final List<DataType> INTEGERS =
      List.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType);

  private Widening() {}

  /**
   * Whether a column of type {@code column} holds every value of type {@code value} as it is: the same
   * type, or a narrower number (an int in a bigint, a decimal(12,1) in a decimal(13,1), a float in a
   * double), which writing widens.
   */
  public static boolean holds(DataType column, DataType value) {
    if (column.sameType(value)) {
      return true;
    }
    if (column instanceof DecimalType wide && value instanceof DecimalType narrow) {
      return narrow.scale() <= wide.scale() && narrow.precision() - narrow.scale() <= wide.precision() - wide.scale();
    }
    if (INTEGERS.contains(column) && INTEGERS.contains(value)) {
      return INTEGERS.indexOf(value) <= INTEGERS.indexOf(column);
    }
    return column.equals(DataTypes.DoubleType) && value.equals(DataTypes.FloatType);
  }
}
