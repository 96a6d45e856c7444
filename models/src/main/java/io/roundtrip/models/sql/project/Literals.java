package io.roundtrip.models.sql.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the arguments of a Jinja call, {@code ('a', "b", key=['x', 1], flag=true)}, when they are
 * all literals (strings, numbers, booleans, none, lists, tuples, dicts). That is what lets the
 * project be read without rendering it; a call with any other argument is dynamic and gets rendered.
 */
final class Literals {

  /** Positional and keyword arguments of a call. */
  record Call(List<Object> args, Map<String, Object> kwargs, int end) {}

  static final class NotLiteral extends Exception {
    NotLiteral() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private int pos;

  private Literals(String text, int pos) {
    this.text = text;
    this.pos = pos;
  }

  /** The call's arguments starting at the {@code (} at {@code open}. */
  static Call call(String text, int open) throws NotLiteral {
    Literals reader = new Literals(text, open + 1);
    List<Object> args = new ArrayList<>();
    Map<String, Object> kwargs = new LinkedHashMap<>();
    reader.skipSpace();
    if (reader.peek() == ')') {
      return new Call(args, kwargs, reader.pos + 1);
    }
    while (true) {
      reader.skipSpace();
      int mark = reader.pos;
      String name = reader.identifier();
      reader.skipSpace();
      if (name != null && reader.peek() == '=' && reader.peekAt(1) != '=') {
        reader.pos++;
        kwargs.put(name, reader.value());
      } else {
        reader.pos = mark;
        if (!kwargs.isEmpty()) {
          throw new NotLiteral();
        }
        args.add(reader.value());
      }
      reader.skipSpace();
      char c = reader.next();
      if (c == ')') {
        return new Call(args, kwargs, reader.pos);
      }
      if (c != ',') {
        throw new NotLiteral();
      }
      reader.skipSpace();
      if (reader.peek() == ')') { // trailing comma
        reader.pos++;
        return new Call(args, kwargs, reader.pos);
      }
    }
  }

  private Object value() throws NotLiteral {
    skipSpace();
    char c = peek();
    if (c == '\'' || c == '"') {
      return string();
    }
    if (c == '[' || c == '(') {
      char close = c == '[' ? ']' : ')';
      pos++;
      List<Object> items = new ArrayList<>();
      skipSpace();
      while (peek() != close) {
        items.add(value());
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != close) {
          throw new NotLiteral();
        }
      }
      pos++;
      return items;
    }
    if (c == '{') {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipSpace();
      while (peek() != '}') {
        Object key = value();
        skipSpace();
        if (next() != ':' || !(key instanceof String)) {
          throw new NotLiteral();
        }
        map.put((String) key, value());
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != '}') {
          throw new NotLiteral();
        }
      }
      pos++;
      return map;
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = pos++;
      while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.' || peek() == 'e' || peek() == 'E')) {
        pos++;
      }
      String number = text.substring(start, pos);
      try {
        return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
      } catch (NumberFormatException e) {
        throw new NotLiteral();
      }
    }
    String word = identifier();
    if (word == null) {
      throw new NotLiteral();
    }
    return switch (word) {
      case "true", "True" -> Boolean.TRUE;
      case "false", "False" -> Boolean.FALSE;
      case "none", "None" -> null;
      default -> throw new NotLiteral();
    };
  }

  private String string() throws NotLiteral {
    char quote = next();
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = next();
      if (c == quote) {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        char escaped = next();
        out.append(switch (escaped) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> escaped;
        });
      } else {
        out.append(c);
      }
    }
    throw new NotLiteral();
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (pos == start || Character.isDigit(text.charAt(start))) {
      pos = start;
      return null;
    }
    return text.substring(start, pos);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char peekAt(int offset) {
    return pos + offset < text.length() ? text.charAt(pos + offset) : '\0';
  }

  private char next() throws NotLiteral {
    if (pos >= text.length()) {
      throw new NotLiteral();
    }
    return text.charAt(pos++);
  }
}
