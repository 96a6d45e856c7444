package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.Discard;
import io.roundtrip.loaders.types.TypeRules;
import io.roundtrip.warehouse.ColumnType;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A table's columns after this load's schema changes, and how an event becomes one of its rows.
 * Shipped to tasks, so it holds only plain data.
 */
final class TableLayout implements Serializable {

  final String table;
  private final String[] columns;
  private final ColumnType[] types;
  private final Map<String, Integer> index = new HashMap<>();
  private final int uuidTs;

  TableLayout(String table, List<String> columns, List<ColumnType> types) {
    this.table = table;
    this.columns = columns.toArray(new String[0]);
    this.types = types.toArray(new ColumnType[0]);
    for (int i = 0; i < this.columns.length; i++) {
      index.put(this.columns[i], i);
    }
    this.uuidTs = index.getOrDefault(Columns.UUID_TS, -1);
  }

  static TableLayout of(StructType schema, String table) {
    List<String> names = new java.util.ArrayList<>();
    List<ColumnType> types = new java.util.ArrayList<>();
    for (StructField field : schema.fields()) {
      names.add(field.name());
      types.add(ColumnType.ofSpark(field.dataType()).orElseThrow(() -> new IllegalStateException(
          "Column " + table + "." + field.name() + " has type " + field.dataType().sql()
              + ", which the loader cannot write; expected one of bigint, double, boolean, timestamp, string")));
    }
    return new TableLayout(table, names, types);
  }

  StructType sparkSchema() {
    StructField[] fields = new StructField[columns.length];
    for (int i = 0; i < columns.length; i++) {
      fields[i] = DataTypes.createStructField(columns[i], types[i].sparkType(), true);
    }
    return DataTypes.createStructType(fields);
  }

  List<String> columns() {
    return List.of(columns);
  }

  ColumnType type(String column) {
    Integer i = index.get(column);
    return i == null ? null : types[i];
  }

  /** For each of the chunk's column names, its index in this layout, or -1. */
  int[] mapping(EventChunk chunk) {
    int[] mapping = new int[chunk.columnNames.length];
    for (int n = 0; n < mapping.length; n++) {
      mapping[n] = index.getOrDefault(chunk.columnNames[n], -1);
    }
    return mapping;
  }

  /**
   * The row for columns [from, to) of the chunk's event, in Spark's internal form: strings stay
   * the chunk's UTF-8 bytes, timestamps its microseconds. Values that do not fit are left null
   * ({@link #discards} lists them).
   */
  InternalRow row(EventChunk chunk, int event, int from, int to, int[] mapping, EventChunk.Cursor cursor,
      long loadTime) {
    Object[] values = new Object[columns.length];
    cursor.of(chunk, event);
    while (cursor.next() && cursor.ordinal < to) {
      int target = cursor.ordinal < from ? -1 : mapping[cursor.name];
      if (target < 0) {
        continue;
      }
      ColumnType type = types[target];
      if (type == cursor.type) {
        values[target] = switch (type) {
          case BIGINT, TIMESTAMP -> cursor.longValue;
          case DOUBLE -> cursor.doubleValue;
          case BOOLEAN -> cursor.booleanValue;
          case STRING -> UTF8String.fromBytes(cursor.bytes(), cursor.textOffset, cursor.textLength);
        };
      } else {
        Object value = TypeRules.coerce(type, cursor.type, cursor.value());
        if (value != TypeRules.DISCARD) {
          values[target] = value instanceof String text ? UTF8String.fromString(text) : value;
        }
      }
    }
    if (uuidTs >= 0) {
      values[uuidTs] = loadTime;
    }
    return new GenericInternalRow(values);
  }

  /** The values of columns [from, to) that {@link #row} leaves out because they do not fit. */
  void discards(EventChunk chunk, int event, int from, int to, int[] mapping, EventChunk.Cursor cursor,
      Consumer<Discard> out) {
    cursor.of(chunk, event);
    while (cursor.next() && cursor.ordinal < to) {
      int target = cursor.ordinal < from ? -1 : mapping[cursor.name];
      if (target >= 0 && types[target] != cursor.type
          && TypeRules.coerce(types[target], cursor.type, cursor.value()) == TypeRules.DISCARD) {
        out.accept(new Discard(table, columns[target], String.valueOf(cursor.value()),
            TypeRules.discardReason(types[target], cursor.type, cursor.value())));
      }
    }
  }
}
