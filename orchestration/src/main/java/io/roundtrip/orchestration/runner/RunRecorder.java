package io.roundtrip.orchestration.runner;

import java.util.List;
import java.util.Set;

/**
 * Where runs are kept: each task as it ends (so a run that is killed still has what it finished), and
 * the run at its start and end. The runner calls it from one thread at a time.
 */
public interface RunRecorder {

  void runStarted(PipelineRun run);

  void taskFinished(PipelineRun run, TaskResult result);

  void runFinished(PipelineRun run, boolean succeeded, List<TaskResult> results);

  /**
   * The tasks the latest run of {@code run}'s interval did (succeeded, or had done before): what a
   * resumed run leaves out. Empty when there was none.
   */
  Set<String> doneInLastRun(PipelineRun run);
}
