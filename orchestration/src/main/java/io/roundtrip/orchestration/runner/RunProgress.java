package io.roundtrip.orchestration.runner;

import java.time.Duration;

/** What a run tells while it runs (called from the task threads). */
public interface RunProgress {

  RunProgress NONE = new RunProgress() {};

  default void taskStarted(PipelineRun run, String task, int attempt) {}

  default void taskRetrying(PipelineRun run, String task, int nextAttempt, Duration wait, String error) {}

  default void taskFinished(PipelineRun run, TaskResult result) {}
}
