package io.roundtrip.orchestration.runner;

import java.time.Duration;

/**
 * @param parallelism tasks that run at once
 * @param timeout how long one attempt may take before it is stopped (and counts as failed)
 */
public record RunnerSettings(int parallelism, RetryPolicy retry, Duration timeout) {

  public RunnerSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the task timeout must be positive: " + timeout);
    }
  }
}
