package io.roundtrip.orchestration.runner;

import io.roundtrip.orchestration.graph.Job;
import java.util.List;

/** Runs one attempt of a task's command. The runner owns retries, timeouts and order. */
public interface TaskExecutor {

  /** Returns when the command succeeded; throws {@link TaskFailure} (or anything else) when it did not. */
  void run(Job job, List<String> command) throws Exception;

  /** Asks a running attempt of {@code job} to stop (its timeout passed); the runner also interrupts it. */
  default void cancel(Job job) {}
}
