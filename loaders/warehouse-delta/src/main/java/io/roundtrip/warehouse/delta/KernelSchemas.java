package io.roundtrip.warehouse.delta;

import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Spark schemas in Delta Kernel's terms, for the column types the warehouse schema uses. */
final class KernelSchemas {

  private KernelSchemas() {}

  static StructType toKernel(org.apache.spark.sql.types.StructType schema) {
    StructType kernel = new StructType();
    for (StructField field : schema.fields()) {
      kernel = kernel.add(field.name(), toKernel(field.dataType(), field.name()), field.nullable());
    }
    return kernel;
  }

  private static DataType toKernel(org.apache.spark.sql.types.DataType type, String column) {
    if (type.equals(DataTypes.StringType)) {
      return StringType.STRING;
    } else if (type.equals(DataTypes.LongType)) {
      return LongType.LONG;
    } else if (type.equals(DataTypes.IntegerType)) {
      return IntegerType.INTEGER;
    } else if (type.equals(DataTypes.DoubleType)) {
      return DoubleType.DOUBLE;
    } else if (type.equals(DataTypes.BooleanType)) {
      return BooleanType.BOOLEAN;
    } else if (type.equals(DataTypes.TimestampType)) {
      return TimestampType.TIMESTAMP;
    }
    throw new IllegalArgumentException("Column " + column + " has type " + type.sql()
        + ", which staged appends do not write");
  }
}
