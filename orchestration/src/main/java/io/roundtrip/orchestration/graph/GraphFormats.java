package io.roundtrip.orchestration.graph;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph as text (for people), Graphviz dot (for pictures) and JSON (for programs: CI compares
 * it with the DAGs Airflow parsed). Every output is a function of the graph alone, in job order.
 */
public final class GraphFormats {

  private GraphFormats() {}

  /** Stage by stage: each job, what it runs after, and its command for {@code interval}. */
  public static String text(JobGraph graph, DataInterval interval) {
    StringBuilder out = new StringBuilder();
    out.append(graph.jobs().size()).append(" jobs in ").append(graph.stages().size()).append(" stages, ")
        .append(graph.edges().size()).append(" edges\n");
    for (Stage stage : graph.stages()) {
      out.append('\n').append(stage.id()).append(" (").append(String.join(", ", stage.kinds())).append(")\n");
      for (Job job : stage.jobs()) {
        out.append("  ").append(job.name());
        Set<String> before = graph.upstream(job.name());
        if (!before.isEmpty()) {
          out.append("  after ").append(String.join(", ", before));
        }
        job.schedule().ifPresent(cron -> out.append("  [own schedule: ").append(cron).append(']'));
        out.append("\n    roundtrip ").append(Shell.join(job.command(interval))).append('\n');
      }
    }
    return out.toString();
  }

  /** A digraph with one cluster per stage. */
  public static String dot(JobGraph graph) {
    StringBuilder out = new StringBuilder("digraph roundtrip {\n  rankdir=LR;\n  node [shape=box];\n");
    for (Stage stage : graph.stages()) {
      out.append("  subgraph cluster_").append(stage.id()).append(" {\n    label=\"").append(stage.id())
          .append(" (").append(String.join(", ", stage.kinds())).append(")\";\n");
      for (Job job : stage.jobs()) {
        out.append("    \"").append(job.name()).append("\";\n");
      }
      out.append("  }\n");
    }
    for (JobGraph.Edge edge : graph.edges()) {
      out.append("  \"").append(edge.upstream()).append("\" -> \"").append(edge.downstream()).append("\";\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * One object: {@code tasks} (name, kind, stage, dag, schedule, upstream, command) and {@code edges}
   * ([upstream, downstream] pairs). {@code dags} maps each job to the Airflow DAG it goes in.
   */
  public static String json(JobGraph graph, DataInterval interval, Map<String, String> dags) {
    StringBuilder out = new StringBuilder("{\n  \"tasks\": [");
    List<Job> jobs = graph.jobs();
    for (int i = 0; i < jobs.size(); i++) {
      Job job = jobs.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(string(job.name()))
          .append(", \"kind\": ").append(string(job.kind()))
          .append(", \"stage\": ").append(string(graph.stageOf(job.name()).id()))
          .append(", \"dag\": ").append(string(dags.getOrDefault(job.name(), "")))
          .append(", \"schedule\": ").append(job.schedule().map(GraphFormats::string).orElse("null"))
          .append(", \"upstream\": ").append(strings(List.copyOf(graph.upstream(job.name()))))
          .append(", \"command\": ").append(strings(job.command(interval))).append('}');
    }
    out.append("\n  ],\n  \"edges\": [");
    List<JobGraph.Edge> edges = graph.edges();
    for (int i = 0; i < edges.size(); i++) {
      out.append(i == 0 ? "\n" : ",\n").append("    [").append(string(edges.get(i).upstream())).append(", ")
          .append(string(edges.get(i).downstream())).append(']');
    }
    return out.append("\n  ]\n}\n").toString();
  }

  private static String strings(List<String> values) {
    return "[" + String.join(", ", values.stream().map(GraphFormats::string).toList()) + "]";
  }

  /** A JSON string literal (also a valid Python one). */
  public static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
