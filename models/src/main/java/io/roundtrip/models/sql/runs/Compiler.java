package io.roundtrip.models.sql.runs;

import io.roundtrip.models.sql.materialize.Naming;
import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.render.Renderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a node and inlines the ephemeral models it refs as CTEs, as dbt does: an ephemeral
 * model's own ephemeral refs come first, each once; a SELECT that starts with {@code WITH} gets them
 * at the head of its own list.
 */
final class Compiler {

  private static final Pattern LEADING = Pattern.compile("\\A(\\s*(?:--[^\\n]*(?:\\n|\\z)\\s*|/\\*.*?\\*/\\s*)*)",
      Pattern.DOTALL);
  private static final Pattern WITH = Pattern.compile("\\Awith\\b", Pattern.CASE_INSENSITIVE);

  private final Renderer renderer;

  Compiler(Renderer renderer) {
    this.renderer = renderer;
  }

  /** {@code scopes} makes the scope of a node (the node's own, or an ephemeral model's). */
  Compiled compile(Node node, Function<Node, NodeScope> scopes) {
    NodeScope scope = scopes.apply(node);
    Renderer.Rendered rendered = renderer.render(scope);
    Map<String, String> ctes = new LinkedHashMap<>();
    for (Node ephemeral : scope.ephemerals) {
      addCte(ephemeral, scopes, ctes, new ArrayList<>());
    }
    return new Compiled(node, inject(rendered.sql().strip(), ctes), node.config().with(rendered.config()));
  }

  private void addCte(Node ephemeral, Function<Node, NodeScope> scopes, Map<String, String> ctes, List<String> path) {
    String name = Naming.cteName(ephemeral);
    if (ctes.containsKey(name) || path.contains(name)) {
      return;
    }
    path.add(name);
    NodeScope scope = scopes.apply(ephemeral);
    String sql = renderer.render(scope).sql().strip();
    for (Node inner : scope.ephemerals) {
      addCte(inner, scopes, ctes, path);
    }
    ctes.put(name, sql);
  }

  static String inject(String sql, Map<String, String> ctes) {
    if (ctes.isEmpty()) {
      return sql;
    }
    List<String> parts = new ArrayList<>();
    ctes.forEach((name, body) -> parts.add(name + " as (\n" + body + "\n)"));
    String list = String.join(",\n", parts);
    Matcher leading = LEADING.matcher(sql);
    int start = leading.lookingAt() ? leading.end() : 0;
    String head = sql.substring(0, start);
    String rest = sql.substring(start);
    Matcher with = WITH.matcher(rest);
    if (with.lookingAt()) {
      return head + "with " + list + ",\n" + rest.substring(with.end()).stripLeading();
    }
    return head + "with " + list + "\n" + rest;
  }
}
