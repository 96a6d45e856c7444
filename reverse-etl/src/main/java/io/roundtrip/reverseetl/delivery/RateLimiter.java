package io.roundtrip.reverseetl.delivery;

import java.time.Duration;

/** At most {@code perSecond} requests a second to one destination, smoothly spaced. */
public final class RateLimiter {

  private final Clock clock;
  private final long intervalNanos;
  private long nextFree;

  /** @param perSecond requests per second; 0 for no limit */
  public RateLimiter(double perSecond, Clock clock) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("rate limit must not be negative, not " + perSecond);
    }
    this.clock = clock;
    this.intervalNanos = perSecond == 0 ? 0 : (long) (1_000_000_000L / perSecond);
    this.nextFree = clock.nanos();
  }

  /** Waits until a request may go. */
  public synchronized void acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long now = clock.nanos();
    if (nextFree > now) {
      clock.sleep(Duration.ofNanos(nextFree - now));
      now = nextFree;
    }
    nextFree = Math.max(now, nextFree) + intervalNanos;
  }
}
