package io.roundtrip.orchestration.runner;

/**
 * A task's command failed. {@code retryable} says whether another attempt may succeed: a failure of
 * the run (a lost connection, a commit conflict) may; a wrong configuration or bad data will fail
 * the same way again, so it is not retried.
 */
public final class TaskFailure extends Exception {

  private final int exitCode;
  private final boolean retryable;

  public TaskFailure(String message, int exitCode, boolean retryable) {
    super(message);
    this.exitCode = exitCode;
    this.retryable = retryable;
  }

  public int exitCode() {
    return exitCode;
  }

  public boolean retryable() {
    return retryable;
  }
}
