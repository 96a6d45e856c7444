package io.roundtrip.reverseetl.delivery;

import java.time.Duration;
import java.time.Instant;

/** Time as the sender sees it: injected, so tests run without sleeping. */
public interface Clock {

  Instant now();

  /** Monotonic nanoseconds, for measuring waits and rates. */
  long nanos();

  void sleep(Duration duration) throws InterruptedException;

  Clock SYSTEM = new Clock() {
    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      if (!duration.isZero() && !duration.isNegative()) {
        Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
      }
    }
  };
}
