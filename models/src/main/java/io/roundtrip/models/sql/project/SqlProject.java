package io.roundtrip.models.sql.project;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project as read: its nodes by unique id (seeds, models, tests, in file order), its sources, doc
 * blocks and macro files, and the vars of {@code dbt_project.yml} with {@code --vars} over them.
 */
public record SqlProject(Path root, String name, Map<String, Object> vars, Map<String, Node> nodes,
    Map<String, SourceTable> sources, Map<String, String> docs, List<MacroFile> macros, List<String> warnings) {

  /** A macro file (or a tests/generic file) and its text. */
  public record MacroFile(String file, String text) {}

  public Collection<Node> all() {
    return nodes.values();
  }

  /** The model or seed {@code ref('name')} means. */
  public Optional<Node> refable(String name) {
    Node model = nodes.get("model." + this.name + "." + name);
    if (model != null) {
      return Optional.of(model);
    }
    return Optional.ofNullable(nodes.get("seed." + this.name + "." + name));
  }

  public Optional<SourceTable> source(String source, String table) {
    return Optional.ofNullable(sources.get(source + "." + table));
  }

  /** Names {@code ref} accepts, sorted, for messages. */
  public List<String> refableNames() {
    return nodes.values().stream().filter(n -> n.type() != NodeType.TEST).map(Node::name).sorted().toList();
  }

  public List<String> sourceNames() {
    return sources.keySet().stream().sorted().toList();
  }

  public SqlProject withNodes(Map<String, Node> nodes) {
    return new SqlProject(root, name, vars, nodes, sources, docs, macros, warnings);
  }
}
