package io.roundtrip.models.sql.seeds;

import io.roundtrip.models.sql.project.ProjectException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A seed's CSV (RFC 4180: a header row, quoted fields may hold delimiters, quotes and line breaks)
 * as typed rows. Each column's type is inferred as dbt's agate does (bigint, double, boolean, date,
 * timestamp, else string; an empty field is null) unless {@code column_types} names one. A line
 * that does not fit is an error naming the file, line and column.
 */
public final class SeedFile {

  /** The rows and their schema. */
  public record Rows(StructType schema, List<Row> rows) {}

  private SeedFile() {}

  public static Rows read(Path file, String display, char delimiter, Map<String, String> columnTypes) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProjectException(display, 0, "cannot read: " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Record> records = parse(text, display, delimiter);
    if (records.isEmpty()) {
      throw new ProjectException(display, 1, "a seed needs a header row");
    }
    List<String> header = records.get(0).fields();
    Set<String> seen = new HashSet<>();
    for (String name : header) {
      if (name.isBlank()) {
        throw new ProjectException(display, 1, "a column of the header has no name");
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new ProjectException(display, 1, "the header names column '" + name + "' twice");
      }
    }
    List<Record> data = records.subList(1, records.size());
    for (Record record : data) {
      if (record.fields().size() != header.size()) {
        throw new ProjectException(display, record.line(), "has " + record.fields().size() + " fields; the header has "
            + header.size());
      }
    }
    Map<String, String> lowerTypes = new LinkedHashMap<>();
    columnTypes.forEach((k, v) -> lowerTypes.put(k.toLowerCase(Locale.ROOT), v));
    for (String column : lowerTypes.keySet()) {
      if (header.stream().noneMatch(h -> h.equalsIgnoreCase(column))) {
        throw new ProjectException(display, 1, "column_types names column '" + column + "', which the header lacks");
      }
    }
    StructType schema = new StructType();
    List<ColumnType> types = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      String override = lowerTypes.get(header.get(c).toLowerCase(Locale.ROOT));
      ColumnType type = override != null ? ColumnType.of(override, display) : infer(data, c);
      types.add(type);
      schema = schema.add(header.get(c), type.spark, true);
    }
    List<Row> rows = new ArrayList<>(data.size());
    for (Record record : data) {
      Object[] values = new Object[header.size()];
      for (int c = 0; c < header.size(); c++) {
        String field = record.fields().get(c);
        try {
          values[c] = field.isEmpty() ? null : types.get(c).parse(field);
        } catch (RuntimeException e) {
          throw new ProjectException(display, record.line(), "column '" + header.get(c) + "': '" + field
              + "' is not a " + types.get(c).name);
        }
      }
      rows.add(RowFactory.create(values));
    }
    return new Rows(schema, rows);
  }

  private static ColumnType infer(List<Record> data, int column) {
    for (ColumnType candidate : ColumnType.INFERRED) {
      boolean fits = true;
      boolean any = false;
      for (Record record : data) {
        String field = record.fields().get(column);
        if (field.isEmpty()) {
          continue;
        }
        any = true;
        try {
          candidate.parse(field);
        } catch (RuntimeException e) {
          fits = false;
          break;
        }
      }
      if (fits && any) {
        return candidate;
      }
    }
    return ColumnType.STRING;
  }

  /** A column type: its Spark type and how a field becomes a value. */
  private record ColumnType(String name, DataType spark, java.util.function.Function<String, Object> parser) {

    static final ColumnType BIGINT = new ColumnType("bigint", DataTypes.LongType, s -> Long.parseLong(s.strip()));
    static final ColumnType INT = new ColumnType("int", DataTypes.IntegerType, s -> Integer.parseInt(s.strip()));
    static final ColumnType DOUBLE = new ColumnType("double", DataTypes.DoubleType, s -> {
      String value = s.strip();
      if (!value.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
        throw new NumberFormatException(value);
      }
      return Double.parseDouble(value);
    });
    static final ColumnType BOOLEAN = new ColumnType("boolean", DataTypes.BooleanType, s -> {
      String value = s.strip().toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        throw new IllegalArgumentException(value);
      }
      return Boolean.parseBoolean(value);
    });
    static final ColumnType DATE = new ColumnType("date", DataTypes.DateType, s -> LocalDate.parse(s.strip()));
    static final ColumnType TIMESTAMP = new ColumnType("timestamp", DataTypes.TimestampType, SeedFile::instant);
    static final ColumnType STRING = new ColumnType("string", DataTypes.StringType, s -> s);

    static final List<ColumnType> INFERRED = List.of(BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP);

    Object parse(String field) {
      return parser.apply(field);
    }

    static ColumnType of(String sqlType, String display) {
      String type = sqlType.strip().toLowerCase(Locale.ROOT);
      return switch (type) {
        case "bigint", "long", "integer", "int8" -> BIGINT;
        case "int", "int4" -> INT;
        case "double", "float", "float8", "double precision", "real", "numeric" -> DOUBLE;
        case "boolean", "bool" -> BOOLEAN;
        case "date" -> DATE;
        case "timestamp", "timestamp_ntz", "timestamptz", "datetime" -> TIMESTAMP;
        case "string", "text", "varchar" -> STRING;
        default -> {
          if (type.startsWith("varchar") || type.startsWith("char")) {
            yield STRING;
          }
          throw new ProjectException(display, 0, "column_types: unknown type '" + sqlType
              + "'; use bigint, int, double, boolean, date, timestamp or string");
        }
      };
    }
  }

  private static Object instant(String field) {
    String value = field.strip();
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return Instant.parse(value);
      }
    }
  }

  /** A CSV record and the line it starts on. */
  record Record(List<String> fields, int line) {}

  static List<Record> parse(String text, String display, char delimiter) {
    List<Record> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean quoted = false;
    boolean fieldStarted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
        fieldStarted = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
          fields.add(field.toString());
          records.add(new Record(List.copyOf(fields), recordLine));
        }
        fields.clear();
        field.setLength(0);
        fieldStarted = false;
        line++;
        recordLine = line;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new ProjectException(display, recordLine, "a quoted field is not closed");
    }
    if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(new Record(List.copyOf(fields), recordLine));
    }
    return records;
  }
}
