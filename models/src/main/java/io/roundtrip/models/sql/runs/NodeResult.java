package io.roundtrip.models.sql.runs;

import java.util.List;

/**
 * How one node went in a run, as {@code _roundtrip.sql_runs} records it.
 *
 * @param status {@code success}, {@code error} or {@code skipped} for seeds and models; {@code pass},
 *     {@code warn}, {@code fail}, {@code error} or {@code skipped} for tests
 * @param rows rows written (models, seeds) or failing rows (tests); -1 when there is no count (views)
 * @param sample a failing test's first rows, as {@code column=value} lines
 */
public record NodeResult(String uniqueId, String name, String resourceType, String relation, String status, long rows,
    double seconds, String message, List<String> sample) {

  public NodeResult {
    sample = List.copyOf(sample);
  }

  /** Whether the run as a whole fails because of this node (an error, or an error-level test failure). */
  public boolean failed() {
    return status.equals("error") || status.equals("fail");
  }
}
