package io.roundtrip.orchestration.runner;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the waits instead. */
public interface Sleeper {

  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
