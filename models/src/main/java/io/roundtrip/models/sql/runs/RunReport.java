package io.roundtrip.models.sql.runs;

import java.util.List;

/** A run's results in the order the nodes finished; it failed if any node errored or an error-level test failed. */
public record RunReport(String runId, String command, List<NodeResult> results) {

  public RunReport {
    results = List.copyOf(results);
  }

  public boolean failed() {
    return results.stream().anyMatch(NodeResult::failed);
  }

  public long count(String status) {
    return results.stream().filter(r -> r.status().equals(status)).count();
  }
}
