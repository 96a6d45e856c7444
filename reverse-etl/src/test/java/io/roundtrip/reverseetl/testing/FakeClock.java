package io.roundtrip.reverseetl.testing;

import io.roundtrip.reverseetl.delivery.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock whose sleeps return at once, advance time and are remembered. */
public final class FakeClock implements Clock {

  private long nanos;
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public Instant now() {
    return Instant.ofEpochSecond(1_780_000_000L).plusNanos(nanos);
  }

  @Override
  public long nanos() {
    return nanos;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    nanos += duration.toNanos();
  }

  public List<Duration> sleeps() {
    return sleeps;
  }
}
