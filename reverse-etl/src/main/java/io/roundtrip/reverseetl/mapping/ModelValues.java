package io.roundtrip.reverseetl.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import scala.collection.Iterable;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * Spark row values as the plain Java values mappings and destinations work with: a struct
 * becomes a map of its fields, a Spark map a Java map, an array a list, a date its ISO text, an
 * exact decimal a double when it fits one without loss (and its text otherwise).
 */
public final class ModelValues {

  private ModelValues() {}

  public static Object plain(Object value) {
    if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      double d = decimal.doubleValue();
      return new BigDecimal(d).compareTo(decimal) == 0 ? (Object) d : decimal.toPlainString();
    }
    if (value instanceof LocalDate || value instanceof java.sql.Date) {
      return value.toString();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof Row row) {
      Map<String, Object> fields = new LinkedHashMap<>();
      StructField[] schema = row.schema().fields();
      for (int i = 0; i < schema.length; i++) {
        fields.put(schema[i].name(), plain(row.get(i)));
      }
      return fields;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      Iterator<? extends scala.Tuple2<?, ?>> it = map.iterator();
      while (it.hasNext()) {
        scala.Tuple2<?, ?> entry = it.next();
        entries.put(String.valueOf(entry._1()), plain(entry._2()));
      }
      return entries;
    }
    if (value instanceof Seq<?> || value instanceof Iterable<?>) {
      List<Object> items = new ArrayList<>();
      Iterator<?> it = ((Iterable<?>) value).iterator();
      while (it.hasNext()) {
        items.add(plain(it.next()));
      }
      return items;
    }
    return value; // Instant, byte[]: destinations know them
  }
}
