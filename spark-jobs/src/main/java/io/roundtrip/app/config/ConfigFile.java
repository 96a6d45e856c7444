package io.roundtrip.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code roundtrip.yml}: the file given with {@code --config}, else {@code roundtrip.yml} in
 * the working directory, else the defaults.
 *
 * <p>Any string value may reference environment variables as {@code ${NAME}} or
 * {@code ${NAME:-default}} ({@code $$} is a literal {@code $}); that is how secrets get in, so
 * they never sit in the file. Unknown keys are errors, reported with the file and line.
 */
public final class ConfigFile {

  public static final String DEFAULT_NAME = "roundtrip.yml";

  private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private ConfigFile() {}

  public static RoundtripConfig load(Path explicit, Map<String, String> env) {
    Path file = explicit;
    if (file == null) {
      Path local = Path.of(DEFAULT_NAME);
      if (!Files.isRegularFile(local)) {
        return RoundtripConfig.defaults();
      }
      file = local;
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Config file not found: " + file);
    }
    ObjectMapper mapper = mapper(env);
    try (JsonParser parser = mapper.createParser(file.toFile())) {
      if (parser.nextToken() == null) {
        return RoundtripConfig.defaults(); // only comments
      }
      RoundtripConfig config = mapper.readValue(parser, RoundtripConfig.class);
      return config == null ? RoundtripConfig.defaults() : config;
    } catch (UnrecognizedPropertyException e) {
      List<String> path = pathNames(e);
      String parent = path.size() <= 1 ? "the top level" : String.join(".", path.subList(0, path.size() - 1));
      throw new ConfigException(file + ":" + lineOf(file, path) + ": unknown key '" + e.getPropertyName()
          + "' in " + parent + "; known keys: " + e.getKnownPropertyIds().stream().map(String::valueOf)
          .sorted().collect(Collectors.joining(", ")), e);
    } catch (JsonMappingException e) {
      InvalidSetting invalid = invalidSetting(e);
      if (invalid != null) {
        // a value checked once its mapping was read: point at the key, not at the mapping's end
        List<String> path = new ArrayList<>(pathNames(e));
        path.addAll(invalid.key());
        // a missing key has no line: the mapping that lacks it does
        String line = "?";
        for (int end = path.size(); end > 0 && line.equals("?"); end--) {
          line = lineOf(file, path.subList(0, end));
        }
        throw new ConfigException(file + ":" + (line.equals("?") ? String.valueOf(e.getLocation().getLineNr()) : line)
            + ": " + String.join(".", path).replace(".[", "[") + ": " + invalid.getMessage(), e);
      }
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new ConfigException(file + where(e.getLocation()) + ": " + path(e) + ": "
          + (cause == e ? e.getOriginalMessage() : cause.getMessage()), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + where(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static ObjectMapper mapper(Map<String, String> env) {
    SimpleModule interpolation = new SimpleModule();
    interpolation.addDeserializer(String.class, new Interpolating(env));
    return new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .registerModule(interpolation)
        // dates in the file (models.ltv.calibration_end, ...) read as java.time values
        .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
  }

  /** Replaces {@code ${NAME}} references; never echoes a resolved value in an error. */
  static String interpolate(String value, Map<String, String> env) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        replacement = env.get(m.group(1));
        if (replacement == null) {
          if (m.group(2) == null) {
            throw new IllegalArgumentException("environment variable " + m.group(1) + " is not set");
          }
          replacement = m.group(2);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? "" : ":" + location.getLineNr();
  }

  private static List<String> pathNames(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .toList();
  }

  private static InvalidSetting invalidSetting(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof InvalidSetting invalid) {
        return invalid;
      }
    }
    return null;
  }

  /**
   * The line of the key (or list item) at {@code path}: names of nested mappings and {@code [i]}
   * for list items. Records are bound after all of a mapping's keys are read, so Jackson reports
   * an unknown key or a refused value at the mapping's end; this finds where the key itself is.
   */
  static String lineOf(Path file, List<String> path) {
    try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
      // one slot per open mapping or list: the key being read, or the item's index
      List<String> slots = new ArrayList<>();
      List<Boolean> lists = new ArrayList<>();
      for (JsonToken token; (token = p.nextToken()) != null; ) {
        boolean inList = !lists.isEmpty() && lists.get(lists.size() - 1);
        if (inList && (token.isScalarValue() || token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
          int index = slots.get(slots.size() - 1).isEmpty() ? 0
              : Integer.parseInt(slots.get(slots.size() - 1).replaceAll("[\\[\\]]", "")) + 1;
          slots.set(slots.size() - 1, "[" + index + "]");
          if (slots.equals(path)) {
            return String.valueOf(p.currentLocation().getLineNr());
          }
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          slots.add("");
          lists.add(token == JsonToken.START_ARRAY);
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          slots.remove(slots.size() - 1);
          lists.remove(lists.size() - 1);
        } else if (token == JsonToken.FIELD_NAME) {
          slots.set(slots.size() - 1, p.currentName());
          if (slots.equals(path)) {
            return String.valueOf(p.currentLocation().getLineNr());
          }
        }
      }
    } catch (IOException e) {
      // fall through: the line is a convenience
    }
    return "?";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static final class Interpolating extends StdScalarDeserializer<String> {
    private final transient Map<String, String> env;

    Interpolating(Map<String, String> env) {
      super(String.class);
      this.env = env;
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String raw = p.getValueAsString();
      if (raw == null) {
        return (String) ctxt.handleUnexpectedToken(String.class, p);
      }
      try {
        return interpolate(raw, env);
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
  }
}
