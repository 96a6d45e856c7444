package io.roundtrip.orchestration.runner;

import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.Job;
import io.roundtrip.orchestration.graph.JobGraph;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a graph for a data interval, as Airflow would run its DAG: a task starts when every task it
 * runs after has succeeded, up to {@code parallelism} at once; a failed attempt is tried again after
 * the retry policy's wait when its failure is retryable; an attempt that outlives the timeout is
 * stopped and counts as failed; a task that fails for good marks everything after it
 * {@code upstream_failed}. Each task is recorded as it ends, so a resumed run knows what is done.
 */
public final class PipelineRunner {

  private final TaskExecutor executor;
  private final RunRecorder recorder;
  private final Sleeper sleeper;
  private final RunProgress progress;
  private final RunnerSettings settings;
  private final Clock clock;

  public PipelineRunner(TaskExecutor executor, RunRecorder recorder, Sleeper sleeper, RunProgress progress,
      RunnerSettings settings, Clock clock) {
    this.executor = executor;
    this.recorder = recorder;
    this.sleeper = sleeper;
    this.progress = progress;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Runs the days in order, one run each (a backfill is the same as single-day runs one after
   * another); stops after a day that failed, since later days build on it.
   */
  public List<RunReport> runDays(JobGraph graph, List<DataInterval> days, boolean resume) {
    List<RunReport> reports = new ArrayList<>();
    for (DataInterval day : days) {
      RunReport report = run(graph, day, resume);
      reports.add(report);
      if (!report.succeeded()) {
        break;
      }
    }
    return reports;
  }

  /** One run of {@code graph} for {@code interval}; with {@code resume}, leaves out what the last run of it did. */
  public RunReport run(JobGraph graph, DataInterval interval, boolean resume) {
    PipelineRun run = new PipelineRun(newRunId(), interval, clock.instant());
    Set<String> doneBefore = resume ? recorder.doneInLastRun(run) : Set.of();
    recorder.runStarted(run);
    Map<String, TaskResult> results = new LinkedHashMap<>();
    for (Job job : graph.jobs()) {
      if (doneBefore.contains(job.name())) {
        Instant now = clock.instant();
        TaskResult result = new TaskResult(job.name(), TaskState.DONE_BEFORE, 0, now, now, null,
            job.command(interval));
        results.put(job.name(), result);
        recorder.taskFinished(run, result);
        progress.taskFinished(run, result);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism(), threads("pipeline-task"));
    ExecutorService attempts = Executors.newCachedThreadPool(threads("pipeline-attempt"));
    try {
      CompletionService<TaskResult> done = new ExecutorCompletionService<>(pool);
      Set<String> started = new LinkedHashSet<>();
      int running = 0;
      while (true) {
        for (Job job : graph.jobs()) {
          if (!results.containsKey(job.name()) && !started.contains(job.name())
              && graph.upstream(job.name()).stream().allMatch(b -> results.containsKey(b) && results.get(b).state().done())) {
            started.add(job.name());
            done.submit(() -> attempt(run, job, attempts));
            running++;
          }
        }
        if (running == 0) {
          break;
        }
        TaskResult result = take(done);
        running--;
        results.put(result.task(), result);
        recorder.taskFinished(run, result);
        progress.taskFinished(run, result);
        if (!result.state().done()) {
          for (String after : graph.descendants(result.task())) {
            if (!results.containsKey(after)) {
              Instant now = clock.instant();
              TaskResult skipped = new TaskResult(after, TaskState.UPSTREAM_FAILED, 0, now, now,
                  "not run: " + result.task() + " failed", graph.job(after).command(interval));
              results.put(after, skipped);
              recorder.taskFinished(run, skipped);
              progress.taskFinished(run, skipped);
            }
          }
        }
      }
    } finally {
      pool.shutdownNow();
      attempts.shutdownNow();
    }
    List<TaskResult> ordered = graph.jobs().stream().map(job -> results.get(job.name())).toList();
    RunReport report = new RunReport(run, ordered);
    recorder.runFinished(run, report.succeeded(), ordered);
    return report;
  }

  private static TaskResult take(CompletionService<TaskResult> done) {
    try {
      return done.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("The pipeline run was interrupted", e);
    } catch (ExecutionException e) {
      // attempt() catches everything a task throws; this is a bug of the runner itself
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Every attempt of one task, with the waits between them. */
  private TaskResult attempt(PipelineRun run, Job job, ExecutorService attempts) {
    List<String> command = job.command(run.interval());
    Instant started = clock.instant();
    String error = null;
    for (int attempt = 1; attempt <= settings.retry().maxAttempts(); attempt++) {
      progress.taskStarted(run, job.name(), attempt);
      Future<?> running = attempts.submit(() -> {
        executor.run(job, command);
        return null;
      });
      boolean retryable;
      try {
        running.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return new TaskResult(job.name(), TaskState.SUCCEEDED, attempt, started, clock.instant(), null, command);
      } catch (TimeoutException e) {
        executor.cancel(job);
        running.cancel(true);
        error = "timed out after " + human(settings.timeout());
        retryable = true;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        error = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        retryable = !(cause instanceof TaskFailure failure) || failure.retryable();
      } catch (InterruptedException e) {
        running.cancel(true);
        Thread.currentThread().interrupt();
        return new TaskResult(job.name(), TaskState.FAILED, attempt, started, clock.instant(), "interrupted", command);
      }
      if (!retryable || attempt == settings.retry().maxAttempts()) {
        return new TaskResult(job.name(), TaskState.FAILED, attempt, started, clock.instant(), error, command);
      }
      Duration wait = settings.retry().delayBefore(attempt + 1);
      progress.taskRetrying(run, job.name(), attempt + 1, wait, error);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new TaskResult(job.name(), TaskState.FAILED, attempt, started, clock.instant(), error, command);
      }
    }
    throw new AssertionError("unreachable");
  }

  private static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  private String newRunId() {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC)
        .format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
