package io.roundtrip.app.pipeline;

import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.models.sql.graph.ProjectGraph;
import io.roundtrip.models.sql.materialize.Naming;
import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.NodeType;
import io.roundtrip.models.sql.runs.LoadedProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL project of {@code sql.project} as {@link SqlStages.SqlModel}s: each model and seed with
 * the table it builds, the models it refs and the warehouse tables its sources name, read the way
 * {@code sql build} reads it (no Spark). Ephemeral models build nothing of their own (they are
 * inlined where they are used), so a model that refs one reads what the ephemeral reads. No project
 * folder, no SQL stages.
 */
final class SqlProjectModels {

  private SqlProjectModels() {}

  static List<SqlStages.SqlModel> of(RoundtripConfig config, Map<String, String> env) {
    Path dir = Path.of(config.sql().project());
    if (!Files.isRegularFile(dir.resolve("dbt_project.yml"))) {
      return List.of();
    }
    LoadedProject project = LoadedProject.load(dir, config.sql().schema(), Map.of(), env);
    ProjectGraph graph = project.graph();
    Naming naming = project.naming();
    List<SqlStages.SqlModel> models = new ArrayList<>();
    for (String id : graph.order()) {
      if (graph.isSource(id)) {
        continue;
      }
      Node node = graph.node(id);
      if (node.type() == NodeType.TEST || ephemeral(node)) {
        continue;
      }
      Set<String> refs = new LinkedHashSet<>();
      Set<String> sources = new LinkedHashSet<>();
      collect(graph, id, refs, sources);
      models.add(new SqlStages.SqlModel(node.name(), table(naming.relation(node).schema(), naming.relation(node).name()),
          refs, sources));
    }
    return models;
  }

  /** The refs and sources of {@code id}, looking through ephemeral models to what they read. */
  private static void collect(ProjectGraph graph, String id, Set<String> refs, Set<String> sources) {
    Node node = graph.node(id);
    for (var source : node.sources()) {
      graph.project().source(source.source(), source.table()).ifPresent(table -> {
        var relation = Naming.relation(table);
        sources.add(table(relation.schema(), relation.name()));
      });
    }
    for (var ref : node.refs()) {
      graph.project().refable(ref.name()).ifPresent(target -> {
        if (ephemeral(target)) {
          collect(graph, target.uniqueId(), refs, sources);
        } else {
          refs.add(target.name());
        }
      });
    }
  }

  private static boolean ephemeral(Node node) {
    return node.materialized().equals("ephemeral");
  }

  private static String table(String schema, String name) {
    return (schema + "." + name).toLowerCase(Locale.ROOT);
  }
}
