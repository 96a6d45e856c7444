package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.Discard;
import io.roundtrip.loaders.event.FlatEvent;
import io.roundtrip.loaders.types.ColumnType;
import io.roundtrip.loaders.types.Timestamps;
import io.roundtrip.loaders.types.TypeRules;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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

  /** The row for columns [from, to) of the event; values that do not fit are left null. */
  Row row(FlatEvent e, int from, int to, Instant loadTime) {
    Object[] values = new Object[columns.length];
    for (int i = from; i < to; i++) {
      Integer target = index.get(e.names()[i]);
      if (target == null) {
        continue; // the event's profile column went to another table
      }
      Object value = TypeRules.coerce(types[target], e.type(i), e.values()[i]);
      if (value != TypeRules.DISCARD) {
        values[target] = types[target] == ColumnType.TIMESTAMP ? instant((String) value) : value;
      }
    }
    if (uuidTs >= 0) {
      values[uuidTs] = loadTime;
    }
    return RowFactory.create(values);
  }

  /** The values of columns [from, to) that {@link #row} leaves out because they do not fit. */
  void discards(FlatEvent e, int from, int to, Consumer<Discard> out) {
    for (int i = from; i < to; i++) {
      Integer target = index.get(e.names()[i]);
      if (target != null && TypeRules.coerce(types[target], e.type(i), e.values()[i]) == TypeRules.DISCARD) {
        out.accept(new Discard(table, columns[target], String.valueOf(e.values()[i]),
            TypeRules.discardReason(types[target], e.type(i), e.values()[i])));
      }
    }
  }

  private static Instant instant(String text) {
    long micros = Timestamps.parseMicros(text);
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
