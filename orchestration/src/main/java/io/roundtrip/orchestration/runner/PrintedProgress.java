package io.roundtrip.orchestration.runner;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Progress as one line per event, for a terminal or a log. */
public final class PrintedProgress implements RunProgress {

  private final PrintWriter out;

  public PrintedProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void taskStarted(PipelineRun run, String task, int attempt) {
    out.println("[" + run.interval().start() + "] " + task + ": started" + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
    out.flush();
  }

  @Override
  public synchronized void taskRetrying(PipelineRun run, String task, int nextAttempt, Duration wait, String error) {
    out.println("[" + run.interval().start() + "] " + task + ": failed (" + error + "); attempt " + nextAttempt
        + " in " + String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0));
    out.flush();
  }

  @Override
  public synchronized void taskFinished(PipelineRun run, TaskResult result) {
    out.println("[" + run.interval().start() + "] " + result.task() + ": " + result.state().label()
        + (result.attempts() > 0 ? String.format(Locale.ROOT, " in %.1f s", result.duration().toMillis() / 1000.0) : "")
        + (result.error() != null && result.state() == TaskState.FAILED ? " (" + result.error() + ")" : ""));
    out.flush();
  }
}
