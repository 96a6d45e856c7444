package io.roundtrip.warehouse;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The five column types of the warehouse schema. Arrays are stored as JSON text in STRING. */
public enum ColumnType {
  BIGINT(DataTypes.LongType),
  DOUBLE(DataTypes.DoubleType),
  BOOLEAN(DataTypes.BooleanType),
  TIMESTAMP(DataTypes.TimestampType),
  STRING(DataTypes.StringType);

  private static final ColumnType[] BY_ORDINAL = values();

  private final DataType sparkType;

  ColumnType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }

  /** Lower-case SQL name, as used in messages and the bookkeeping tables. */
  public String sqlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ColumnType ofOrdinal(int ordinal) {
    return BY_ORDINAL[ordinal];
  }

  /** The column type for a Spark type found in an existing table, if it is one of ours. */
  public static java.util.Optional<ColumnType> ofSpark(DataType type) {
    for (ColumnType candidate : BY_ORDINAL) {
      if (candidate.sparkType.equals(type)) {
        return java.util.Optional.of(candidate);
      }
    }
    if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType)) {
      return java.util.Optional.of(BIGINT);
    }
    if (type.equals(DataTypes.FloatType)) {
      return java.util.Optional.of(DOUBLE);
    }
    return java.util.Optional.empty();
  }
}
