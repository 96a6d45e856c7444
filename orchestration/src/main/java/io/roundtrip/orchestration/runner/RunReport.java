package io.roundtrip.orchestration.runner;

import java.util.List;
import java.util.Locale;

/** A run as it ended: every task of the graph, in job order. */
public record RunReport(PipelineRun run, List<TaskResult> results) {

  public RunReport {
    results = List.copyOf(results);
  }

  public boolean succeeded() {
    return results.stream().allMatch(result -> result.state().done());
  }

  public TaskResult result(String task) {
    return results.stream().filter(r -> r.task().equals(task)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No task " + task + " in run " + run.runId()));
  }

  /** The final table: task, state, attempts, seconds, and the error of a failed one. */
  public String table() {
    int width = Math.max(4, results.stream().mapToInt(r -> r.task().length()).max().orElse(4));
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  %-15s  %8s  %9s%n",
        "task", "state", "attempts", "seconds"));
    for (TaskResult result : results) {
      out.append(String.format(Locale.ROOT, "%-" + width + "s  %-15s  %8d  %9.1f", result.task(),
          result.state().label(), result.attempts(), result.duration().toMillis() / 1000.0));
      if (result.error() != null) {
        out.append("  ").append(firstLine(result.error()));
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String firstLine(String error) {
    int end = error.indexOf('\n');
    return end < 0 ? error : error.substring(0, end);
  }
}
