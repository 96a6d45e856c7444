package io.roundtrip.reverseetl.destinations.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records as CSV for PostgreSQL's COPY: an unquoted empty field is NULL, text is quoted. */
final class CsvRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CsvRows() {}

  static void write(Writer out, List<String> columns, List<SyncRecord> records) throws IOException {
    for (SyncRecord record : records) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        Object value = record.fields().get(columns.get(i));
        if (value == null) {
          continue;
        }
        String text = value instanceof Map<?, ?> || value instanceof List<?> ? json(value)
            : value instanceof java.sql.Timestamp t ? t.toInstant().toString()
            : value instanceof Instant instant ? instant.toString() : String.valueOf(value);
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
      }
      out.write('\n');
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + value + " as JSON", e);
    }
  }
}
