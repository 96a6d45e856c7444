package io.roundtrip.reverseetl.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void spacesRequestsEvenlyAtTheConfiguredRate() throws Exception {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = new RateLimiter(4, clock);
    for (int i = 0; i < 9; i++) {
      limiter.acquire();
    }
    // the first goes at once, the next eight a quarter second apart
    assertThat(clock.sleeps()).hasSize(8).allMatch(d -> d.equals(Duration.ofMillis(250)));
  }

  @Test
  void noLimitNeverWaits() throws Exception {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = new RateLimiter(0, clock);
    for (int i = 0; i < 100; i++) {
      limiter.acquire();
    }
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void timeSpentElsewhereCountsTowardsTheSpacing() throws Exception {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = new RateLimiter(2, clock);
    limiter.acquire();
    clock.sleep(Duration.ofMillis(300)); // the request itself took 300 ms
    limiter.acquire();
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(300), Duration.ofMillis(200));
  }
}
