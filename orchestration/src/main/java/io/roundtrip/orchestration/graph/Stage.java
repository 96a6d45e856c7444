package io.roundtrip.orchestration.graph;

import java.util.List;

/**
 * Jobs at the same depth of the graph: each reads only what earlier stages write, so the jobs of a
 * stage can run at once. {@code number} counts from 1.
 */
public record Stage(int number, List<Job> jobs) {

  public Stage {
    jobs = List.copyOf(jobs);
  }

  /** The task group id: {@code stage_1}, {@code stage_2}, ... */
  public String id() {
    return "stage_" + number;
  }

  /** The kinds of its jobs, in order of first appearance: load, model, sql, sync. */
  public List<String> kinds() {
    return jobs.stream().map(Job::kind).distinct().toList();
  }
}
