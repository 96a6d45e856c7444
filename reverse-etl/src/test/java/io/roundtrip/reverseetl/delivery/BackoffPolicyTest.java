package io.roundtrip.reverseetl.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

  private final BackoffPolicy policy =
      new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 5, Duration.ofSeconds(10));

  @Test
  void waitsAreJitteredBelowAnExponentialCeilingThatIsCapped() {
    Random random = new Random(1);
    for (int attempt = 1; attempt < 5; attempt++) {
      long ceiling = Math.min(2000, 100L << (attempt - 1));
      for (int i = 0; i < 200; i++) {
        Duration wait = policy.delay(attempt, null, Duration.ZERO, random);
        assertThat(wait.toMillis()).isBetween(0L, ceiling);
      }
    }
  }

  @Test
  void jitterSpreadsWaitsRatherThanRepeatingOne() {
    Random random = new Random(2);
    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> policy.delay(4, null, Duration.ZERO, random)).distinct().count();
    assertThat(distinct).isGreaterThan(10);
  }

  @Test
  void neverWaitsLessThanRetryAfter() {
    Duration wait = policy.delay(1, Duration.ofSeconds(3), Duration.ZERO, new Random(3));
    assertThat(wait).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void stopsAfterTheLastAttemptOrWhenTheTotalWaitWouldBeExceeded() {
    assertThat(policy.delay(5, null, Duration.ZERO, new Random(4))).isNull();
    assertThat(policy.delay(2, Duration.ofSeconds(4), Duration.ofSeconds(7), new Random(4))).isNull();
    assertThat(policy.delay(2, Duration.ofSeconds(3), Duration.ofSeconds(7), new Random(4))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void atLeastOneAttempt() {
    assertThatThrownBy(() -> new BackoffPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 0, Duration.ZERO))
        .hasMessageContaining("at least 1");
  }
}
