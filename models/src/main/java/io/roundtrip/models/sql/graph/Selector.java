package io.roundtrip.models.sql.graph;

import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.NodeType;
import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.project.SourceTable;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's node selection: {@code --select} and {@code --exclude} values are space-separated unions of
 * comma-separated intersections of criteria; a criterion is a name ({@code orders},
 * {@code staging.*}), or {@code tag:}, {@code path:}, {@code source:}, {@code resource_type:},
 * {@code config.materialized:}, {@code test_type:}, {@code test_name:}, with graph operators
 * {@code +x} (ancestors), {@code x+} (descendants), {@code 2+x} / {@code x+1} (depth) and {@code @x}.
 * Tests of selected nodes come along (dbt's eager indirect selection).
 */
public final class Selector {

  private static final Pattern CRITERION = Pattern.compile("^(@)?(\\d*\\+)?(.+?)(\\+\\d*)?$");
  private static final List<String> METHODS = List.of("tag", "path", "source", "resource_type", "config.materialized",
      "test_type", "test_name", "fqn", "file");

  private final ProjectGraph graph;

  public Selector(ProjectGraph graph) {
    this.graph = graph;
  }

  /**
   * The selected node ids: every node when {@code select} is empty, less what {@code exclude} names.
   * Tests whose parents are all selected, or any of them (eager), are added.
   */
  public Set<String> select(List<String> select, List<String> exclude) {
    Set<String> selected = new LinkedHashSet<>();
    if (select.isEmpty()) {
      selected.addAll(graph.order());
    } else {
      for (String spec : select) {
        selected.addAll(evaluate(spec));
      }
      addTests(selected);
    }
    for (String spec : exclude) {
      Set<String> excluded = evaluate(spec);
      addTests(excluded); // a test of an excluded node goes too
      selected.removeAll(excluded);
    }
    return selected;
  }

  /** Eager indirect selection: a test that touches a node in {@code nodes} joins them. */
  private void addTests(Set<String> nodes) {
    List<String> tests = new ArrayList<>();
    for (String id : graph.order()) {
      Node node = graph.isSource(id) ? null : graph.node(id);
      if (node != null && node.type() == NodeType.TEST && graph.parents(id).stream().anyMatch(nodes::contains)) {
        tests.add(id);
      }
    }
    nodes.addAll(tests);
  }

  /** One {@code --select} value: a union (spaces) of intersections (commas). */
  Set<String> evaluate(String spec) {
    Set<String> union = new LinkedHashSet<>();
    for (String token : spec.trim().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      Set<String> intersection = null;
      for (String part : token.split(",")) {
        Set<String> matched = criterion(part);
        if (intersection == null) {
          intersection = matched;
        } else {
          intersection.retainAll(matched);
        }
      }
      union.addAll(intersection);
    }
    return union;
  }

  private Set<String> criterion(String text) {
    Matcher m = CRITERION.matcher(text);
    if (!m.matches()) {
      throw new ProjectException("Cannot read the selector '" + text + "'");
    }
    boolean at = m.group(1) != null;
    String up = m.group(2);
    String down = m.group(4);
    Set<String> base = match(m.group(3));
    Set<String> result = new LinkedHashSet<>(base);
    if (at) {
      Set<String> descendants = new LinkedHashSet<>(base);
      descendants.addAll(graph.reach(base, false, -1));
      result.addAll(descendants);
      result.addAll(graph.reach(descendants, true, -1));
      return result;
    }
    if (up != null) {
      result.addAll(graph.reach(base, true, depth(up)));
    }
    if (down != null) {
      result.addAll(graph.reach(base, false, depth(down)));
    }
    return result;
  }

  private static int depth(String operator) {
    String digits = operator.replace("+", "");
    return digits.isEmpty() ? -1 : Integer.parseInt(digits);
  }

  private Set<String> match(String criterion) {
    String method = null;
    String value = criterion;
    for (String known : METHODS) {
      if (criterion.startsWith(known + ":")) {
        method = known;
        value = criterion.substring(known.length() + 1);
      }
    }
    if (method == null && criterion.matches("[A-Za-z_.]+:.*")) {
      throw new ProjectException("Unknown selector method in '" + criterion + "'; known: " + String.join(", ", METHODS));
    }
    Set<String> matched = new LinkedHashSet<>();
    for (String id : graph.order()) {
      if (matches(id, method, value)) {
        matched.add(id);
      }
    }
    return matched;
  }

  private boolean matches(String id, String method, String value) {
    if (graph.isSource(id)) {
      SourceTable source = graph.project().sources().values().stream()
          .filter(s -> s.uniqueId(graph.project().name()).equals(id)).findFirst().orElseThrow();
      if ("source".equals(method)) {
        return glob(value, source.source()) || glob(value, source.key());
      }
      return "resource_type".equals(method) && value.equals("source");
    }
    Node node = graph.node(id);
    if (method == null || method.equals("fqn")) {
      return glob(value, node.name()) || glob(value, String.join(".", node.fqn()))
          || glob(value, String.join(".", node.fqn().subList(1, node.fqn().size())))
          || value.equals(graph.project().name()) && node.type() != NodeType.TEST
          || fqnPrefix(node, value);
    }
    return switch (method) {
      case "tag" -> node.config().tags().stream().anyMatch(tag -> glob(value, tag));
      case "path", "file" -> path(node.file(), value);
      case "resource_type" -> node.type().label().equals(value.toLowerCase(Locale.ROOT));
      case "config.materialized" -> node.materialized().equals(value);
      case "test_type" -> node.type() == NodeType.TEST
          && (value.equals("generic") == (node.attachedTo() != null || node.testColumn() != null));
      case "test_name" -> node.type() == NodeType.TEST && node.sql() != null
          && node.sql().startsWith("{{ test_" + value + "(");
      default -> false;
    };
  }

  /** {@code staging} selects everything under the {@code staging} folder, as a dotted fqn prefix. */
  private static boolean fqnPrefix(Node node, String value) {
    List<String> parts = List.of(value.split("\\."));
    List<String> folders = node.fqn().subList(1, node.fqn().size());
    return parts.size() < folders.size() && folders.subList(0, parts.size()).equals(parts);
  }

  private static boolean path(String file, String value) {
    String wanted = value.replaceAll("/+$", "");
    if (wanted.contains("*") || wanted.contains("?")) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + wanted);
      return matcher.matches(java.nio.file.Path.of(file));
    }
    return file.equals(wanted) || file.startsWith(wanted + "/");
  }

  private static boolean glob(String pattern, String value) {
    if (!pattern.contains("*") && !pattern.contains("?")) {
      return pattern.equals(value);
    }
    String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
    return value.matches(regex);
  }
}
