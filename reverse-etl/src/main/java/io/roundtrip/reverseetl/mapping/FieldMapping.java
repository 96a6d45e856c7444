package io.roundtrip.reverseetl.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one destination field gets its value from a model row. The forms, as written in
 * {@code roundtrip.yml}:
 *
 * <ul>
 *   <li>{@code column}: the column's value;
 *   <li>{@code {literal: value}}: a constant;
 *   <li>{@code {coalesce: [a, b, ...]}}: the first non-null of the columns;
 *   <li>{@code {replace: {column: c, pattern: regex, with: text}}}: a column's text with every
 *       match of the regular expression replaced ({@code $1} refers to groups);
 *   <li>{@code {template: "Hi {first_name}"}}: text with {@code {column}} replaced by the column's
 *       value (empty when null);
 *   <li>{@code {flatten: column}}: a nested value (a struct, a map, or JSON object text) spread
 *       into scalar fields named {@code <field>_<key>} (deeper levels joined with {@code _});
 *       arrays become JSON text.
 * </ul>
 */
public sealed interface FieldMapping extends Serializable {

  /** Adds this field's value(s) to {@code out} for the row; a null value is added as null. */
  void apply(String field, Map<String, Object> row, Map<String, Object> out);

  /** The model columns this mapping reads. */
  List<String> columns();

  record Column(String column) implements FieldMapping {
    @Override
    public void apply(String field, Map<String, Object> row, Map<String, Object> out) {
      out.put(field, row.get(column));
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }
  }

  record Literal(Object value) implements FieldMapping {
    @Override
    public void apply(String field, Map<String, Object> row, Map<String, Object> out) {
      out.put(field, value);
    }

    @Override
    public List<String> columns() {
      return List.of();
    }
  }

  record Coalesce(List<String> candidates) implements FieldMapping {
    public Coalesce {
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("coalesce needs at least one column");
      }
      candidates = List.copyOf(candidates);
    }

    @Override
    public void apply(String field, Map<String, Object> row, Map<String, Object> out) {
      Object value = null;
      for (String column : candidates) {
        value = row.get(column);
        if (value != null) {
          break;
        }
      }
      out.put(field, value);
    }

    @Override
    public List<String> columns() {
      return candidates;
    }
  }

  record Replace(String column, String pattern, String with) implements FieldMapping {
    public Replace {
      Objects.requireNonNull(column, "replace needs a column");
      Pattern.compile(Objects.requireNonNull(pattern, "replace needs a pattern"));
      with = with == null ? "" : with;
    }

    @Override
    public void apply(String field, Map<String, Object> row, Map<String, Object> out) {
      Object value = row.get(column);
      out.put(field, value == null ? null : Pattern.compile(pattern).matcher(String.valueOf(value)).replaceAll(with));
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }
  }

  record Template(String text) implements FieldMapping {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    @Override
    public void apply(String field, Map<String, Object> row, Map<String, Object> out) {
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder result = new StringBuilder();
      while (m.find()) {
        Object value = row.get(m.group(1));
        m.appendReplacement(result, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
      }
      m.appendTail(result);
      out.put(field, result.toString());
    }

    @Override
    public List<String> columns() {
      List<String> columns = new ArrayList<>();
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        columns.add(m.group(1));
      }
      return columns;
    }
  }

  record Flatten(String column) implements FieldMapping {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void apply(String field, Map<String, Object> row, Map<String, Object> out) {
      Object value = row.get(column);
      if (value instanceof String text && text.trim().startsWith("{")) {
        try {
          value = JSON.readValue(text, LinkedHashMap.class);
        } catch (IOException e) {
          throw new IllegalArgumentException("flatten " + column + ": not a JSON object: " + e.getMessage(), e);
        }
      }
      if (value == null) {
        return;
      }
      if (!(value instanceof Map<?, ?> map)) {
        out.put(field, value);
        return;
      }
      spread(field, map, out);
    }

    private static void spread(String prefix, Map<?, ?> map, Map<String, Object> out) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String name = prefix + "_" + entry.getKey();
        Object value = entry.getValue();
        if (value instanceof Map<?, ?> nested) {
          spread(name, nested, out);
        } else if (value instanceof List<?> || value instanceof JsonNode) {
          try {
            out.put(name, JSON.writeValueAsString(value));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        } else {
          out.put(name, value);
        }
      }
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }
  }

  /** Reads a mapping as written in the config (a column name, or a one-key map naming the function). */
  static FieldMapping parse(String field, Object spec) {
    if (spec instanceof String column) {
      return new Column(column);
    }
    if (spec instanceof Map<?, ?> map && map.size() == 1) {
      Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
      Map.Entry<?, ?> entry = it.next();
      Object arg = entry.getValue();
      switch (String.valueOf(entry.getKey())) {
        case "literal":
          return new Literal(arg);
        case "coalesce":
          if (arg instanceof List<?> list) {
            return new Coalesce(list.stream().map(String::valueOf).toList());
          }
          break;
        case "replace":
          if (arg instanceof Map<?, ?> r) {
            return new Replace((String) r.get("column"), (String) r.get("pattern"), (String) r.get("with"));
          }
          break;
        case "template":
          return new Template(String.valueOf(arg));
        case "flatten":
          return new Flatten(String.valueOf(arg));
        default:
          throw new IllegalArgumentException("mapping of " + field + ": unknown function \"" + entry.getKey()
              + "\"; use literal, coalesce, replace, template or flatten");
      }
    }
    throw new IllegalArgumentException("mapping of " + field + ": expected a column name or one of literal, "
        + "coalesce, replace, template, flatten; got " + spec);
  }
}
