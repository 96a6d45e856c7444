package io.roundtrip.orchestration.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One task of a run as it ended.
 *
 * @param attempts attempts made (0 when it did not run)
 * @param error the last attempt's error, or null
 */
public record TaskResult(String task, TaskState state, int attempts, Instant started, Instant finished,
    String error, List<String> command) {

  public TaskResult {
    command = List.copyOf(command);
  }

  public Duration duration() {
    return Duration.between(started, finished);
  }
}
