package io.roundtrip.models.sql.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a template's {@code ref}, {@code source} and {@code config} calls without rendering it, as
 * dbt's static parser does: that is what makes listing and selecting a large project fast. A call
 * whose arguments are not literals makes the template {@link Result#dynamic() dynamic}; its
 * dependencies are then found by rendering it.
 */
public final class StaticScan {

  private static final Pattern JINJA = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
  private static final Pattern COMMENT = Pattern.compile("\\{#.*?#}", Pattern.DOTALL);
  private static final Pattern CALL = Pattern.compile("(?<![\\w.])(ref|source|config)\\s*\\(");

  /** What a scan found. Refs and sources in the order they appear. */
  public record Result(List<Ref> refs, List<SourceRef> sources, Map<String, Object> config, boolean dynamic) {}

  private StaticScan() {}

  public static Result scan(String template) {
    String text = withoutComments(template);
    List<Ref> refs = new ArrayList<>();
    List<SourceRef> sources = new ArrayList<>();
    Map<String, Object> config = new LinkedHashMap<>();
    boolean dynamic = false;
    Matcher region = JINJA.matcher(text);
    while (region.find()) {
      Matcher call = CALL.matcher(text).region(region.start(), region.end());
      while (call.find()) {
        int line = lineOf(text, call.start());
        Literals.Call args;
        try {
          args = Literals.call(text, call.end() - 1);
        } catch (Literals.NotLiteral e) {
          dynamic = true;
          continue;
        }
        switch (call.group(1)) {
          case "ref" -> {
            List<String> names = strings(args.args());
            if (names == null || names.isEmpty() || names.size() > 2) {
              dynamic = true;
            } else {
              refs.add(new Ref(names.get(names.size() - 1), names.size() == 2 ? names.get(0) : null, line));
            }
          }
          case "source" -> {
            List<String> names = strings(args.args());
            if (names == null || names.size() != 2) {
              dynamic = true;
            } else {
              sources.add(new SourceRef(names.get(0), names.get(1), line));
            }
          }
          default -> {
            if (!args.args().isEmpty()) {
              dynamic = true;
            }
            config.putAll(args.kwargs());
          }
        }
      }
    }
    return new Result(List.copyOf(refs), List.copyOf(sources), config, dynamic);
  }

  private static List<String> strings(List<Object> args) {
    List<String> out = new ArrayList<>();
    for (Object arg : args) {
      if (!(arg instanceof String s)) {
        return null;
      }
      out.add(s);
    }
    return out;
  }

  /** Jinja comments blanked out, keeping line breaks so that lines still count right. */
  static String withoutComments(String template) {
    Matcher m = COMMENT.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", " ")));
    }
    m.appendTail(out);
    return out.toString();
  }

  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
