package io.roundtrip.models.sql.graph;

import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.NodeType;
import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.project.Ref;
import io.roundtrip.models.sql.project.SourceRef;
import io.roundtrip.models.sql.project.SourceTable;
import io.roundtrip.models.sql.project.SqlProject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project's dependency graph: seeds, models, tests and the sources they read, each node's
 * parents from its {@code ref}s and {@code source}s. Building it checks every ref and source and
 * refuses cycles, naming the file and line, so that nothing runs on a broken project.
 */
public final class ProjectGraph {

  private final SqlProject project;
  /** Node ids, in run order (parents first; ties by id). Sources are in it too. */
  private final List<String> order;
  private final Map<String, Set<String>> parents;
  private final Map<String, Set<String>> children;

  private ProjectGraph(SqlProject project, List<String> order, Map<String, Set<String>> parents,
      Map<String, Set<String>> children) {
    this.project = project;
    this.order = order;
    this.parents = parents;
    this.children = children;
  }

  public static ProjectGraph of(SqlProject project) {
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    Map<String, Set<String>> children = new HashMap<>();
    for (SourceTable source : project.sources().values()) {
      parents.put(source.uniqueId(project.name()), new LinkedHashSet<>());
    }
    for (Node node : project.all()) {
      Set<String> nodeParents = new LinkedHashSet<>();
      for (Ref ref : node.refs()) {
        Node target = project.refable(ref.name()).orElseThrow(() -> new ProjectException(node.file(), ref.line(),
            node.type().label() + " " + node.name() + ": ref('" + ref.name() + "') names no model or seed; available: "
                + String.join(", ", project.refableNames())));
        nodeParents.add(target.uniqueId());
      }
      for (SourceRef source : node.sources()) {
        SourceTable table = project.source(source.source(), source.table()).orElseThrow(() -> new ProjectException(
            node.file(), source.line(), node.type().label() + " " + node.name() + ": source('" + source.source()
                + "', '" + source.table() + "') is not declared; available: "
                + (project.sources().isEmpty() ? "(none: declare sources: in a properties YAML file)"
                    : String.join(", ", project.sourceNames()))));
        nodeParents.add(table.uniqueId(project.name()));
      }
      parents.put(node.uniqueId(), nodeParents);
    }
    parents.forEach((id, ps) -> ps.forEach(p -> children.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(id)));
    return new ProjectGraph(project, order(project, parents, children), parents, children);
  }

  /** Kahn's algorithm, ready nodes by id; what is left over is on a cycle, which is reported. */
  private static List<String> order(SqlProject project, Map<String, Set<String>> parents,
      Map<String, Set<String>> children) {
    Map<String, Integer> waiting = new HashMap<>();
    TreeSet<String> ready = new TreeSet<>();
    parents.forEach((id, ps) -> {
      waiting.put(id, ps.size());
      if (ps.isEmpty()) {
        ready.add(id);
      }
    });
    List<String> order = new ArrayList<>(parents.size());
    while (!ready.isEmpty()) {
      String id = ready.pollFirst();
      order.add(id);
      for (String child : children.getOrDefault(id, Set.of())) {
        if (waiting.merge(child, -1, Integer::sum) == 0) {
          ready.add(child);
        }
      }
    }
    if (order.size() < parents.size()) {
      throw cycle(project, parents, waiting);
    }
    return List.copyOf(order);
  }

  private static ProjectException cycle(SqlProject project, Map<String, Set<String>> parents,
      Map<String, Integer> waiting) {
    // walk parents from a node still waiting until one repeats: that is a cycle
    String start = waiting.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted()
        .findFirst().orElseThrow();
    List<String> path = new ArrayList<>();
    String current = start;
    while (!path.contains(current)) {
      path.add(current);
      current = parents.get(current).stream().filter(p -> waiting.getOrDefault(p, 0) > 0).sorted().findFirst()
          .orElseThrow();
    }
    List<String> loop = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
    java.util.Collections.reverse(loop); // parents were walked: reversed, each node is followed by one that refs it
    java.util.Collections.rotate(loop, -loop.indexOf(loop.stream().min(String::compareTo).orElseThrow()));
    loop.add(loop.get(0));
    Node first = project.nodes().get(loop.get(0));
    List<String> names = loop.stream().map(id -> project.nodes().get(id).name()).toList();
    List<String> files = new ArrayList<>(new LinkedHashSet<>(loop.stream().map(id -> project.nodes().get(id).file()).toList()));
    return new ProjectException(first.file(), 0, "dependency cycle: " + String.join(" -> ", names)
        + " (in " + String.join(", ", files) + ")");
  }

  public SqlProject project() {
    return project;
  }

  /** Every node id in run order, sources included. */
  public List<String> order() {
    return order;
  }

  public Set<String> parents(String id) {
    return parents.getOrDefault(id, Set.of());
  }

  public Set<String> children(String id) {
    return children.getOrDefault(id, Set.of());
  }

  public boolean isSource(String id) {
    return id.startsWith("source.");
  }

  public Node node(String id) {
    return project.nodes().get(id);
  }

  /** Ids of every node reachable through {@code next} from {@code start}, up to {@code depth} steps (-1: all). */
  Set<String> reach(Collection<String> start, boolean up, int depth) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<Map.Entry<String, Integer>> queue = new ArrayDeque<>();
    start.forEach(s -> queue.add(Map.entry(s, 0)));
    while (!queue.isEmpty()) {
      var entry = queue.poll();
      if (depth >= 0 && entry.getValue() >= depth) {
        continue;
      }
      for (String next : up ? parents(entry.getKey()) : children(entry.getKey())) {
        if (seen.add(next)) {
          queue.add(Map.entry(next, entry.getValue() + 1));
        }
      }
    }
    return seen;
  }

  public Set<String> ancestors(String id) {
    return reach(List.of(id), true, -1);
  }

  /** The nodes a run of {@code selected} executes, in run order, without the sources. */
  public List<Node> inOrder(Set<String> selected) {
    return order.stream().filter(selected::contains).filter(id -> !isSource(id)).map(this::node).toList();
  }

  /** Whether the node is a test of nothing but {@code NodeType.TEST}. */
  public static boolean isTest(Node node) {
    return node.type() == NodeType.TEST;
  }
}
