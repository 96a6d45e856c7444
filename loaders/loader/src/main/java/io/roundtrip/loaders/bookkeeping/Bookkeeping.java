package io.roundtrip.loaders.bookkeeping;

import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.TableId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The loader's own tables, in the warehouse's bookkeeping namespace ({@code _roundtrip}). */
public final class Bookkeeping {

  private Bookkeeping() {}

  public static TableId table(String name) {
    return io.roundtrip.warehouse.Bookkeeping.table(name);
  }

  /** A fixed schema, in column order. */
  static StructType schema(Map<String, ColumnType> columns) {
    StructType schema = new StructType();
    for (Map.Entry<String, ColumnType> column : columns.entrySet()) {
      schema = schema.add(DataTypes.createStructField(column.getKey(), column.getValue().sparkType(), true));
    }
    return schema;
  }

  static Map<String, ColumnType> columns(Object... nameTypePairs) {
    Map<String, ColumnType> columns = new LinkedHashMap<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      columns.put((String) nameTypePairs[i], (ColumnType) nameTypePairs[i + 1]);
    }
    return columns;
  }
}
