package io.roundtrip.app.pipeline;

import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.GraphException;
import io.roundtrip.orchestration.graph.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL project as pipeline jobs: not one task per model (a project has dozens, each a few seconds)
 * but one per dependency level: stage 1 builds the models that ref no other model, stage 2 those that
 * ref only stage 1's, and so on. Each stage is one {@code sql build --select <its models>}, reads
 * the sources its models name and the tables of the models they ref, and writes its models' tables,
 * so the graph puts it after the loads and models that write those sources and before the syncs
 * that read its tables.
 */
public final class SqlStages {

  /**
   * A model of the project: its name, the table it builds ({@code namespace.table}), the models it
   * refs and the tables its {@code source()} calls name.
   */
  public record SqlModel(String name, String table, Set<String> refs, Set<String> sources) {
    public SqlModel {
      refs = Set.copyOf(refs);
      sources = Set.copyOf(sources);
    }
  }

  private SqlStages() {}

  public static List<Job> of(List<SqlModel> models) {
    Map<String, SqlModel> byName = new LinkedHashMap<>();
    models.forEach(model -> byName.put(model.name(), model));
    Map<String, Integer> depth = new LinkedHashMap<>();
    for (SqlModel model : models) {
      depth(model, byName, depth, new ArrayList<>());
    }
    int deepest = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    List<Job> stages = new ArrayList<>();
    for (int level = 0; level <= deepest; level++) {
      Set<String> names = new TreeSet<>();
      Set<String> inputs = new LinkedHashSet<>();
      Set<String> outputs = new LinkedHashSet<>();
      for (SqlModel model : models) {
        if (depth.get(model.name()) == level) {
          names.add(model.name());
          outputs.add(model.table());
          inputs.addAll(model.sources());
          model.refs().forEach(ref -> inputs.add(byName.get(ref).table()));
        }
      }
      stages.add(new SqlStageTask(level + 1, List.copyOf(names), inputs, outputs));
    }
    return stages;
  }

  private static int depth(SqlModel model, Map<String, SqlModel> byName, Map<String, Integer> depth, List<String> path) {
    Integer known = depth.get(model.name());
    if (known != null) {
      return known;
    }
    if (path.contains(model.name())) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(model.name()), path.size()));
      cycle.add(model.name());
      throw new GraphException("SQL models ref each other in a circle: " + String.join(" -> ", cycle));
    }
    path.add(model.name());
    int level = 0;
    for (String ref : new TreeSet<>(model.refs())) {
      SqlModel referenced = byName.get(ref);
      if (referenced == null) {
        throw new GraphException("SQL model " + model.name() + " refs \"" + ref + "\", which is not a model of the project");
      }
      level = Math.max(level, depth(referenced, byName, depth, path) + 1);
    }
    path.remove(path.size() - 1);
    depth.put(model.name(), level);
    return level;
  }

  /** {@code sql build --select a b c}: one dependency level of the project. */
  record SqlStageTask(int number, List<String> models, Set<String> inputs, Set<String> outputs) implements Job {

    SqlStageTask {
      models = List.copyOf(models);
      inputs = Set.copyOf(inputs);
      outputs = Set.copyOf(outputs);
    }

    @Override
    public String name() {
      return "sql_stage_" + number;
    }

    @Override
    public String kind() {
      return "sql";
    }

    @Override
    public List<String> command(DataInterval interval) {
      List<String> command = new ArrayList<>(List.of("sql", "build", "--select"));
      command.addAll(models);
      return command;
    }
  }
}
