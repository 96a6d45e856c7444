package io.roundtrip.reverseetl.history;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Takes secrets out of what is stored or printed: fields whose name says they are secret, and
 * any occurrence of the destination's credentials, whatever the field.
 */
public final class Redactor implements Serializable {

  public static final String REDACTED = "[redacted]";
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|authorization|credential).*");

  private final List<String> secrets;

  /** @param secrets the credential values to hide (blank ones are ignored) */
  public Redactor(Set<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
  }

  public static Redactor none() {
    return new Redactor(Set.of());
  }

  public Map<String, Object> fields(Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((name, value) -> out.put(name, SECRET_NAME.matcher(name).matches() ? REDACTED : value(value)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private Object value(Object value) {
    if (value instanceof String text) {
      return text(text);
    }
    if (value instanceof Map<?, ?> map) {
      return fields((Map<String, Object>) map);
    }
    return value;
  }

  public String text(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, REDACTED);
    }
    return out;
  }
}
