package io.roundtrip.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Prints query results: an aligned table for people, CSV with a header row and JSON lines (one
 * object per row) for scripts. Timestamps are ISO-8601 in UTC.
 */
public final class Tables {

  public enum Format { TABLE, CSV, JSON }

  private static final ObjectMapper JSON = new ObjectMapper();

  private Tables() {}

  public static void print(StructType schema, List<Row> rows, Format format, PrintWriter out) {
    switch (format) {
      case TABLE -> table(schema, rows, out);
      case CSV -> csv(schema, rows, out);
      case JSON -> json(schema, rows, out);
    }
    out.flush();
  }

  private static void table(StructType schema, List<Row> rows, PrintWriter out) {
    String[] names = schema.fieldNames();
    int[] widths = new int[names.length];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      widths[i] = names[i].length();
    }
    for (Row row : rows) {
      String[] line = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        line[i] = row.isNullAt(i) ? "NULL" : text(row.get(i));
        widths[i] = Math.max(widths[i], line[i].length());
      }
      cells.add(line);
    }
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width + 2)).append('+');
    }
    out.println(rule);
    out.println(line(names, widths));
    out.println(rule);
    for (String[] line : cells) {
      out.println(line(line, widths));
    }
    out.println(rule);
    out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
    }
    return line.toString();
  }

  private static void csv(StructType schema, List<Row> rows, PrintWriter out) {
    String[] names = schema.fieldNames();
    List<String> header = new ArrayList<>();
    for (String name : names) {
      header.add(csvCell(name));
    }
    out.print(String.join(",", header) + "\r\n");
    for (Row row : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        line.add(row.isNullAt(i) ? "" : csvCell(text(row.get(i))));
      }
      out.print(String.join(",", line) + "\r\n");
    }
  }

  /** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
  static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static void json(StructType schema, List<Row> rows, PrintWriter out) {
    String[] names = schema.fieldNames();
    try {
      for (Row row : rows) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(buffer)) {
          json.writeStartObject();
          for (int i = 0; i < names.length; i++) {
            json.writeFieldName(names[i]);
            Object value = row.isNullAt(i) ? null : row.get(i);
            if (value == null) {
              json.writeNull();
            } else if (value instanceof Number || value instanceof Boolean) {
              JSON.writeValue(json, value);
            } else {
              json.writeString(text(value));
            }
          }
          json.writeEndObject();
        }
        out.println(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value as text: timestamps in ISO-8601 UTC, decimals without exponent, the rest as Java prints them. */
  public static String text(Object value) {
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof LocalDate || value instanceof LocalDateTime) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Double d && Double.isFinite(d) && Math.abs(d) >= 1e7) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof scala.collection.Seq<?> || value instanceof Row || value instanceof scala.collection.Map<?, ?>) {
      return value.toString();
    }
    return String.valueOf(value);
  }

  public static Format format(String name) {
    try {
      return Format.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown format \"" + name + "\": use table, csv or json");
    }
  }
}
