package io.roundtrip.orchestration.runner;

import java.time.Duration;

/**
 * Per task: how many times a failed attempt is tried again, and how long to wait before each:
 * {@code delay}, then twice that, four times, ... up to {@code maxDelay} (Airflow's
 * {@code retry_exponential_backoff} with {@code retry_delay} and {@code max_retry_delay}).
 */
public record RetryPolicy(int retries, Duration delay, Duration maxDelay) {

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
    if (delay.isNegative() || maxDelay.compareTo(delay) < 0) {
      throw new IllegalArgumentException("retry delays must be 0 <= delay <= max delay: " + delay + ", " + maxDelay);
    }
  }

  public int maxAttempts() {
    return retries + 1;
  }

  /** The wait before attempt {@code attempt} (2 for the first retry). */
  public Duration delayBefore(int attempt) {
    if (attempt < 2) {
      return Duration.ZERO;
    }
    Duration wait = delay;
    for (int i = 2; i < attempt && wait.compareTo(maxDelay) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
  }
}
