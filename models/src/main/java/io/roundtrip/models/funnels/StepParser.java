package io.roundtrip.models.funnels;

import io.roundtrip.models.events.TouchEvent;
import io.roundtrip.models.funnels.FunnelStep.Field;
import io.roundtrip.models.funnels.FunnelStep.Match;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the step strings documented on {@link FunnelStep}. */
final class StepParser {

  private StepParser() {}

  static FunnelStep parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("invalid funnel step \"" + text + "\": it is empty");
    }
    String step = text.trim();
    try {
      return parseTrimmed(step);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid funnel step \"" + step + "\": " + e.getMessage(), e);
    }
  }

  private static FunnelStep parseTrimmed(String step) {
    String target = step;
    Map<String, String> filters = new LinkedHashMap<>();
    int open = step.indexOf('[');
    int close = step.indexOf(']');
    if (open >= 0 || close >= 0) {
      if (open >= 0 && close < 0) {
        throw new IllegalArgumentException("'[' is not closed with ']'");
      }
      if (open < 0 || close < open) {
        throw new IllegalArgumentException("']' without a '[' before it");
      }
      if (close != step.length() - 1) {
        throw new IllegalArgumentException("text after the filters' ']'");
      }
      target = step.substring(0, open).trim();
      parseFilters(step.substring(open + 1, close), filters);
    }

    String kind = kindPrefix(target);
    String rest = target;
    if (kind != null) {
      if (!kind.equals(TouchEvent.TRACK) && !kind.equals(TouchEvent.PAGE)
          && !kind.equals(TouchEvent.SCREEN)) {
        throw new IllegalArgumentException(
            "unknown step kind '" + kind + "' (use track:, page: or screen:)");
      }
      rest = target.substring(kind.length() + 1).trim();
    } else {
      kind = TouchEvent.TRACK;
    }

    Field field = null;
    if (!kind.equals(TouchEvent.TRACK)) {
      int eq = rest.indexOf('=');
      // Only a bare word before '=' is a field; "/search?q=x" is a path pattern.
      if (eq > 0 && rest.substring(0, eq).trim().chars().allMatch(Character::isLetter)) {
        String word = rest.substring(0, eq).trim();
        field = switch (word) {
          case "name" -> Field.NAME;
          case "path" -> Field.PATH;
          case "url" -> Field.URL;
          default -> throw new IllegalArgumentException(
              "unknown field '" + word + "' (use name=, path= or url=)");
        };
        if (kind.equals(TouchEvent.SCREEN) && field != Field.NAME) {
          throw new IllegalArgumentException("a screen step can only match on the name");
        }
        rest = rest.substring(eq + 1).trim();
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("nothing to match after '" + kind + ":'");
    }

    Match match;
    String value;
    boolean lead = rest.startsWith("*");
    boolean trail = rest.endsWith("*");
    if (lead && trail && rest.length() > 2) {
      match = Match.CONTAINS;
      value = rest.substring(1, rest.length() - 1);
    } else if (!lead && trail) {
      match = Match.PREFIX;
      value = rest.substring(0, rest.length() - 1);
    } else if (!lead) {
      match = Match.EQUALS;
      value = rest;
    } else {
      throw new IllegalArgumentException(
          "'*' goes at the end (starts with) or at both ends (contains)");
    }
    if (value.isEmpty() || value.contains("*")) {
      throw new IllegalArgumentException(
          "'*' goes at the end (starts with) or at both ends (contains)");
    }
    if (field == null) {
      field = kind.equals(TouchEvent.PAGE) && value.startsWith("/") ? Field.PATH : Field.NAME;
    }
    return new FunnelStep(step, kind, field, match, value, filters);
  }

  private static void parseFilters(String body, Map<String, String> into) {
    if (body.isBlank()) {
      throw new IllegalArgumentException("empty filter list '[]'");
    }
    for (String part : body.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "filter '" + part.trim() + "' is not property=value");
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.isEmpty() || value.isEmpty()) {
        throw new IllegalArgumentException(
            "filter '" + part.trim() + "' needs both a property and a value");
      }
      if (into.put(key, value) != null) {
        throw new IllegalArgumentException("property '" + key + "' is filtered twice");
      }
    }
  }

  /** The text before the first ':' when it is a lowercase word (a kind, or a typo of one). */
  static String kindPrefix(String target) {
    int colon = target.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String word = target.substring(0, colon);
    boolean lowercaseWord = word.chars().allMatch(c -> c >= 'a' && c <= 'z');
    return lowercaseWord ? word.toLowerCase(Locale.ROOT) : null;
  }
}
