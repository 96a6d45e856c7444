package io.roundtrip.models.sql.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on, so that errors in {@code dbt_project.yml} and properties
 * files can name the file and line. {@code value} is a {@code Map<String, Yaml>}, a
 * {@code List<Yaml>}, a String, Number or Boolean, or null.
 */
public record Yaml(Object value, int line) {

  private static final YAMLFactory FACTORY = new YAMLFactory();

  /** The file's document; an empty file is an empty mapping. */
  public static Yaml read(Path file, String displayName) {
    try (JsonParser parser = FACTORY.createParser(Files.readString(file))) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Yaml(new LinkedHashMap<String, Yaml>(), 1);
      }
      return value(parser);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ProjectException(displayName, line, "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProjectException(displayName, 0, "cannot read: " + e.getMessage());
    }
  }

  private static Yaml value(JsonParser p) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Yaml> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, value(p));
        }
        return new Yaml(map, line);
      }
      case START_ARRAY -> {
        List<Yaml> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return new Yaml(list, line);
      }
      case VALUE_STRING -> {
        return new Yaml(p.getText(), line);
      }
      case VALUE_NUMBER_INT -> {
        return new Yaml(p.getNumberValue() instanceof Integer i ? Long.valueOf(i) : p.getNumberValue(), line);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Yaml(p.getDoubleValue(), line);
      }
      case VALUE_TRUE -> {
        return new Yaml(Boolean.TRUE, line);
      }
      case VALUE_FALSE -> {
        return new Yaml(Boolean.FALSE, line);
      }
      default -> {
        return new Yaml(null, line);
      }
    }
  }

  public boolean isMap() {
    return value instanceof Map;
  }

  public boolean isList() {
    return value instanceof List;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Yaml> map() {
    return value instanceof Map ? (Map<String, Yaml>) value : Map.of();
  }

  /** The items of a list; a single value is a list of one, as dbt reads {@code tags: x}. */
  @SuppressWarnings("unchecked")
  public List<Yaml> list() {
    if (value == null) {
      return List.of();
    }
    return value instanceof List ? (List<Yaml>) value : List.of(this);
  }

  public Yaml get(String key) {
    Yaml found = map().get(key);
    return found == null ? new Yaml(null, line) : found;
  }

  public boolean has(String key) {
    return map().containsKey(key);
  }

  /** The scalar as text, or null. */
  public String text() {
    return value == null || value instanceof Map || value instanceof List ? null : String.valueOf(value);
  }

  /** The value as plain Java maps, lists and scalars (what Jinja and configs see). */
  public Object plain() {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, ((Yaml) v).plain()));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(((Yaml) v).plain()));
      return out;
    }
    return value;
  }
}
