package io.roundtrip.models.sql.materialize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How an incremental model's new columns differ from its table's: added, removed and retyped
 * columns (names compared case-insensitively, as the warehouses do).
 */
public record SchemaDiff(List<String> added, List<String> removed, List<String> retyped) {

  public static SchemaDiff of(StructType table, StructType model) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> retyped = new ArrayList<>();
    for (StructField field : model.fields()) {
      StructField existing = find(table, field.name());
      if (existing == null) {
        added.add(field.name() + " " + sql(field.dataType()));
      } else if (!holds(existing.dataType(), field.dataType())) {
        retyped.add(field.name() + " " + sql(existing.dataType()) + " -> " + sql(field.dataType()));
      }
    }
    for (StructField field : table.fields()) {
      if (find(model, field.name()) == null) {
        removed.add(field.name() + " " + sql(field.dataType()));
      }
    }
    return new SchemaDiff(List.copyOf(added), List.copyOf(removed), List.copyOf(retyped));
  }

  /**
   * Whether a column of type {@code table} holds every value of type {@code model} as it is: the same
   * type, or a narrower number (an int in a bigint, a decimal(12,1) in a decimal(13,1)), which
   * writing widens. Anything else is a change.
   */
  static boolean holds(DataType table, DataType model) {
    if (table.sameType(model)) {
      return true;
    }
    if (table instanceof DecimalType wide && model instanceof DecimalType narrow) {
      return narrow.scale() <= wide.scale() && narrow.precision() - narrow.scale() <= wide.precision() - wide.scale();
    }
    List<DataType> integers = List.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType);
    if (integers.contains(table) && integers.contains(model)) {
      return integers.indexOf(model) <= integers.indexOf(table);
    }
    return table.equals(DataTypes.DoubleType) && model.equals(DataTypes.FloatType);
  }

  private static StructField find(StructType schema, String name) {
    for (StructField field : schema.fields()) {
      if (field.name().equalsIgnoreCase(name)) {
        return field;
      }
    }
    return null;
  }

  private static String sql(DataType type) {
    return type.sql().toLowerCase(Locale.ROOT);
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && retyped.isEmpty();
  }

  /** {@code added: a bigint; removed: b string; type changed: c int -> bigint}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("added: " + String.join(", ", added));
    }
    if (!removed.isEmpty()) {
      parts.add("removed: " + String.join(", ", removed));
    }
    if (!retyped.isEmpty()) {
      parts.add("type changed: " + String.join(", ", retyped));
    }
    return String.join("; ", parts);
  }
}
