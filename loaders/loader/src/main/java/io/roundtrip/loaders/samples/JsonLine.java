package io.roundtrip.loaders.samples;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A minimal streaming JSON writer into one reusable buffer: an event line is written field by
 * field without building a tree, which keeps a million events cheap. Callers are trusted to nest
 * correctly. Reports the offset of each value it writes so a duplicate or a broken copy of the
 * line can patch a value in place.
 */
final class JsonLine {

  private final StringBuilder sb = new StringBuilder(2048);
  /** Whether the next member of the innermost object or array is its first (no comma before it). */
  private boolean first;

  void begin() {
    sb.setLength(0);
    sb.append('{');
    first = true;
  }

  String end() {
    sb.append('}');
    return sb.toString();
  }

  int length() {
    return sb.length();
  }

  private void name(String name) {
    if (!first) {
      sb.append(',');
    }
    first = false;
    quote(name);
    sb.append(':');
  }

  private void separate() {
    if (!first) {
      sb.append(',');
    }
    first = false;
  }

  void startObject(String name) {
    name(name);
    sb.append('{');
    first = true;
  }

  /** An object as an array element. */
  void startObject() {
    separate();
    sb.append('{');
    first = true;
  }

  void endObject() {
    sb.append('}');
    first = false;
  }

  void startArray(String name) {
    name(name);
    sb.append('[');
    first = true;
  }

  void endArray() {
    sb.append(']');
    first = false;
  }

  void emptyObject(String name) {
    name(name);
    sb.append("{}");
  }

  /**
   * Writes the field and returns the offset of the value's first character (after its quote); the
   * offset is only meaningful for values that need no escaping, like ids.
   */
  int field(String name, String value) {
    name(name);
    if (value == null) {
      sb.append("null");
      return -1;
    }
    quote(value);
    return sb.length() - value.length() - 1;
  }

  /** Skips the field altogether when the value is null: Segment omits what it does not know. */
  void optional(String name, String value) {
    if (value != null) {
      field(name, value);
    }
  }

  void field(String name, long value) {
    name(name);
    sb.append(value);
  }

  void field(String name, double value) {
    name(name);
    sb.append(value);
  }

  void field(String name, boolean value) {
    name(name);
    sb.append(value);
  }

  /** A money amount as a decimal number with two places, from integer cents (no binary rounding). */
  void money(String name, long cents) {
    name(name);
    if (cents < 0) {
      sb.append('-');
      cents = -cents;
    }
    sb.append(cents / 100).append('.');
    long rest = cents % 100;
    if (rest < 10) {
      sb.append('0');
    }
    sb.append(rest);
  }

  /** Writes an ISO timestamp and returns the offset of its first character. */
  int timestamp(String name, long millis) {
    name(name);
    sb.append('"');
    int at = sb.length();
    IsoTime.append(sb, millis);
    sb.append('"');
    return at;
  }

  /** Members written ahead of time (e.g. a user's fixed context), without the enclosing braces. */
  void raw(String members) {
    if (members.isEmpty()) {
      return;
    }
    separate();
    sb.append(members);
  }

  /** A String, Number, Boolean, null, Map (an object; insertion order kept) or List (an array). */
  void value(String name, Object value) {
    name(name);
    value(value);
  }

  private void value(Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      quote(s);
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        value((String) e.getKey(), e.getValue());
      }
      endObject();
    } else if (value instanceof List<?> list) {
      sb.append('[');
      first = true;
      for (Object item : list) {
        separate();
        value(item);
      }
      endArray();
    } else {
      throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private void quote(String s) {
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /** A standalone JSON fragment of members, e.g. a user's context fields, to pass to {@link #raw}. */
  static String members(Consumer<JsonLine> writer) {
    JsonLine j = new JsonLine();
    j.begin();
    writer.accept(j);
    return j.sb.substring(1);
  }
}
