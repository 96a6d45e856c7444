package io.roundtrip.models.sql.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja's whitespace control ({@code {%-}, {@code -%}}, {@code {{-}, {@code -}}}, {@code {#-},
 * {@code -#}}), done before Jinjava sees the template: Jinjava's own trims text on the wrong side
 * after a comment. The whitespace is removed from the text next to the tag, as Jinja does; its line
 * breaks move inside the tag, where they render as nothing, so error lines still count right.
 */
final class WhitespaceControl {

  private static final Pattern BEFORE = Pattern.compile("(\\s*)\\{([%{#])-");
  private static final Pattern AFTER = Pattern.compile("-([%}#])}(\\s*)");

  private WhitespaceControl() {}

  static String apply(String template) {
    if (!template.contains("{%-") && !template.contains("{{-") && !template.contains("{#-")
        && !template.contains("-%}") && !template.contains("-}}") && !template.contains("-#}")) {
      return template;
    }
    Matcher before = BEFORE.matcher(template);
    StringBuilder out = new StringBuilder(template.length());
    while (before.find()) {
      before.appendReplacement(out, Matcher.quoteReplacement("{" + before.group(2) + newlines(before.group(1))));
    }
    before.appendTail(out);
    Matcher after = AFTER.matcher(out.toString());
    StringBuilder result = new StringBuilder(out.length());
    while (after.find()) {
      after.appendReplacement(result, Matcher.quoteReplacement(newlines(after.group(2)) + after.group(1) + "}"));
    }
    after.appendTail(result);
    return result.toString();
  }

  private static String newlines(String whitespace) {
    return whitespace.replaceAll("[^\\n]", "");
  }
}
