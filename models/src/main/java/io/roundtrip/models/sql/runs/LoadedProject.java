package io.roundtrip.models.sql.runs;

import io.roundtrip.models.sql.graph.ProjectGraph;
import io.roundtrip.models.sql.graph.Selector;
import io.roundtrip.models.sql.materialize.Naming;
import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.NodeType;
import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.project.ProjectReader;
import io.roundtrip.models.sql.project.SqlProject;
import io.roundtrip.models.sql.render.Renderer;
import io.roundtrip.warehouse.SqlModelTarget.Relation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project read and checked, without Spark: the nodes with their dependencies (dynamic templates
 * rendered without the warehouse to find them), the graph, and where each node's relation goes.
 * Unknown refs and sources, cycles, template errors and two nodes writing one relation are errors
 * here, so nothing runs on a broken project.
 */
public final class LoadedProject {

  private final SqlProject project;
  private final ProjectGraph graph;
  private final Naming naming;
  private final Renderer renderer;

  private LoadedProject(SqlProject project, ProjectGraph graph, Naming naming, Renderer renderer) {
    this.project = project;
    this.graph = graph;
    this.naming = naming;
    this.renderer = renderer;
  }

  public static LoadedProject load(Path dir, String targetSchema, Map<String, Object> vars, Map<String, String> env) {
    Naming naming = new Naming(targetSchema);
    SqlProject read = ProjectReader.read(dir, vars, projectVars -> Renderer.forYaml(projectVars, env));
    Renderer renderer = new Renderer(read, env);
    SqlProject project = resolveDynamic(read, renderer, naming);
    checkRelations(project, naming);
    return new LoadedProject(project, ProjectGraph.of(project), naming, renderer);
  }

  /** Templates whose refs or config are not literals are rendered (execute = false) to find them. */
  private static SqlProject resolveDynamic(SqlProject project, Renderer renderer, Naming naming) {
    if (project.all().stream().noneMatch(Node::dynamic)) {
      return project;
    }
    Map<String, Node> nodes = new LinkedHashMap<>(project.nodes());
    for (Node node : project.all()) {
      if (!node.dynamic()) {
        continue;
      }
      NodeScope scope = new NodeScope(node, naming, null, "delta", project.vars(), false, Optional.empty());
      Renderer.Rendered rendered = renderer.render(scope);
      Node resolved = node.withDependencies(rendered.refs(), rendered.sources(), node.config().with(rendered.config()));
      resolved.config().problem().ifPresent(problem -> {
        throw new ProjectException(node.file(), 0, node.type().label() + " " + node.name() + ": " + problem);
      });
      nodes.put(node.uniqueId(), resolved);
    }
    return project.withNodes(nodes);
  }

  private static void checkRelations(SqlProject project, Naming naming) {
    Map<String, Node> byRelation = new HashMap<>();
    for (Node node : project.all()) {
      if (node.type() == NodeType.TEST || node.materialized().equals("ephemeral")) {
        continue;
      }
      Relation relation = naming.relation(node);
      Node other = byRelation.putIfAbsent(relation.toString().toLowerCase(java.util.Locale.ROOT), node);
      if (other != null) {
        throw new ProjectException(node.file(), 0, node.name() + " and " + other.name() + " (" + other.file()
            + ") would both write " + relation + "; give one an alias or a schema");
      }
    }
  }

  /**
   * Renders the nodes without the warehouse (dbt's parse: {@code execute} is false), so that a
   * template error in any of them stops a run before anything is built.
   */
  public void checkTemplates(java.util.Collection<Node> nodes) {
    for (Node node : nodes) {
      if (node.sql() != null && !node.dynamic()) { // dynamic ones were rendered when the project was read
        renderer.render(new NodeScope(node, naming, null, "delta", project.vars(), false, Optional.empty()));
      }
    }
  }

  public SqlProject project() {
    return project;
  }

  public ProjectGraph graph() {
    return graph;
  }

  public Naming naming() {
    return naming;
  }

  Renderer renderer() {
    return renderer;
  }

  public Set<String> select(List<String> select, List<String> exclude) {
    return new Selector(graph).select(select, exclude);
  }

  /** One line of {@code sql list}. */
  public record Listed(String resourceType, String name, String materialized, String relation, String uniqueId) {}

  /** The selected nodes in run order, with their materialization and relation. */
  public List<Listed> list(List<String> select, List<String> exclude) {
    Set<String> selected = select(select, exclude);
    return graph.inOrder(selected).stream().map(node -> new Listed(node.type().label(), node.name(), node.materialized(),
        relationOf(node), node.uniqueId())).toList();
  }

  private String relationOf(Node node) {
    if (node.type() == NodeType.TEST) {
      String attached = node.attachedTo();
      if (attached == null) {
        return "";
      }
      String[] parts = attached.split("\\.");
      return attached.startsWith("source.") ? parts[2] + "." + parts[3] : parts[2];
    }
    if (node.materialized().equals("ephemeral")) {
      return "(inlined)";
    }
    return naming.relation(node).toString();
  }
}
