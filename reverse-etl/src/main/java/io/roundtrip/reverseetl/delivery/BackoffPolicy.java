package io.roundtrip.reverseetl.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retrying: exponential with full jitter (a random wait between zero and
 * {@code base * 2^attempt}, capped), never less than what the destination asked for in
 * {@code Retry-After}. Retries stop after {@code maxAttempts} tries or once {@code maxTotal} has
 * been spent waiting on a batch.
 */
public record BackoffPolicy(Duration base, Duration cap, int maxAttempts, Duration maxTotal) {

  public static final BackoffPolicy DEFAULT =
      new BackoffPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 6, Duration.ofMinutes(5));

  public BackoffPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("retry attempts must be at least 1, not " + maxAttempts);
    }
  }

  /**
   * The wait before try number {@code attempt + 1} (attempt counts from 1), or null when no
   * retry should be made.
   */
  public Duration delay(int attempt, Duration retryAfter, Duration waitedSoFar, RandomGenerator random) {
    if (attempt >= maxAttempts) {
      return null;
    }
    long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(30, attempt - 1)));
    Duration jittered = Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    Duration wait = retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    if (waitedSoFar.plus(wait).compareTo(maxTotal) > 0) {
      return null;
    }
    return wait;
  }
}
