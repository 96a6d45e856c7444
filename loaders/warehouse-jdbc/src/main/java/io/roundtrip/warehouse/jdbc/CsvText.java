package io.roundtrip.warehouse.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Values as CSV for PostgreSQL's COPY: an unquoted empty field is NULL, text is quoted (so an
 * empty string stays one), numbers and booleans are written bare, maps and lists as JSON text. This
 * runs once per value of every record a table sync sends, so it writes straight to the stream and
 * copies text only when it holds a quote.
 */
final class CsvText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CsvText() {}

  /** One row: the values of its columns, in order. */
  static void write(Writer out, Object[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      Object value = values[i];
      if (value == null) {
        continue;
      }
      if (value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof Float
          || value instanceof Boolean) {
        out.write(value.toString());
        continue;
      }
      String text = value instanceof String string ? string
          : value instanceof Map<?, ?> || value instanceof List<?> ? json(value)
          : value instanceof java.sql.Timestamp t ? t.toInstant().toString()
          : value instanceof Instant instant ? instant.toString() : String.valueOf(value);
      out.write('"');
      out.write(text.indexOf('"') < 0 ? text : text.replace("\"", "\"\""));
      out.write('"');
    }
    out.write('\n');
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + value + " as JSON", e);
    }
  }
}
