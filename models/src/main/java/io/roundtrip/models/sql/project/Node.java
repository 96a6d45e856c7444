package io.roundtrip.models.sql.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model, seed or data test of the project, as read before rendering.
 *
 * @param uniqueId dbt's id: {@code model.<project>.<name>}, {@code seed...}, {@code test...}
 * @param file the file it comes from, relative to the project folder (a test's YAML file for
 *     generic tests), as messages name it
 * @param path the file itself (a seed's CSV)
 * @param fqn project name, folders, name: what {@code dbt_project.yml} configs and {@code path:}
 *     selection match
 * @param sql the template (a generic test's is generated); null for seeds
 * @param dynamic whether some {@code ref}/{@code source}/{@code config} call has arguments that are
 *     not literals, so the template must be rendered to know them
 * @param columns documented columns and their descriptions
 * @param attachedTo a test's tested node ({@code model...}, {@code seed...}, {@code source...}); null otherwise
 * @param testColumn a generic test's column, or null
 */
public record Node(String uniqueId, String name, NodeType type, String file, Path path, List<String> fqn,
    String sql, NodeConfig config, List<Ref> refs, List<SourceRef> sources, boolean dynamic, String description,
    Map<String, String> columns, String attachedTo, String testColumn) {

  public Node {
    fqn = List.copyOf(fqn);
    refs = List.copyOf(refs);
    sources = List.copyOf(sources);
    columns = Map.copyOf(columns);
  }

  public String materialized() {
    return switch (type) {
      case SEED -> "seed";
      case TEST -> "test";
      case MODEL -> config.materialized("view");
    };
  }

  public Node withConfig(NodeConfig config) {
    return new Node(uniqueId, name, type, file, path, fqn, sql, config, refs, sources, dynamic, description, columns,
        attachedTo, testColumn);
  }

  public Node withDependencies(List<Ref> refs, List<SourceRef> sources, NodeConfig config) {
    return new Node(uniqueId, name, type, file, path, fqn, sql, config, refs, sources, false, description, columns,
        attachedTo, testColumn);
  }

  public Node withDocs(String description, Map<String, String> columns) {
    return new Node(uniqueId, name, type, file, path, fqn, sql, config, refs, sources, dynamic, description, columns,
        attachedTo, testColumn);
  }
}
