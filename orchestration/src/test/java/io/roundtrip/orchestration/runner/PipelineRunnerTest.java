package io.roundtrip.orchestration.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.Job;
import io.roundtrip.orchestration.graph.JobGraph;
import io.roundtrip.orchestration.graph.TestJob;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {

  private static final DataInterval DAY = DataInterval.day(LocalDate.parse("2026-01-01"));
  private static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofSeconds(15));

  private final JobGraph graph = JobGraph.of(TestJob.nightly());
  private final ScriptedExecutor executor = new ScriptedExecutor();
  private final MemoryRecorder recorder = new MemoryRecorder();
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  private PipelineRunner runner(int parallelism, RetryPolicy retry, Duration timeout) {
    return new PipelineRunner(executor, recorder, waits::add, RunProgress.NONE,
        new RunnerSettings(parallelism, retry, timeout), Clock.systemUTC());
  }

  @Test
  void runsEveryTaskAfterTheTasksItReadsFrom() {
    RunReport report = runner(2, TWO_RETRIES, Duration.ofMinutes(1)).run(graph, DAY, false);

    assertThat(report.succeeded()).isTrue();
    List<String> order = executor.order;
    assertThat(order).containsExactlyInAnyOrder("load_web", "identity_web", "ltv_web", "funnels_web", "sync_vip");
    assertThat(order.indexOf("load_web")).isLessThan(order.indexOf("identity_web"));
    assertThat(order.indexOf("identity_web")).isLessThan(order.indexOf("ltv_web")).isLessThan(order.indexOf("sync_vip"));
    assertThat(executor.commands.get("ltv_web")).containsExactly("run", "ltv_web", "--start", "2026-01-01", "--end", "2026-01-02");
  }

  @Test
  void independentTasksRunAtTheSameTime() {
    // ltv and funnels each wait until the other has started: they finish only when run at once
    CountDownLatch both = new CountDownLatch(2);
    executor.behaviour.put("ltv_web", () -> meet(both));
    executor.behaviour.put("funnels_web", () -> meet(both));

    RunReport report = runner(2, new RetryPolicy(0, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(20))
        .run(graph, DAY, false);

    assertThat(report.result("ltv_web").state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(report.result("funnels_web").state()).isEqualTo(TaskState.SUCCEEDED);
  }

  @Test
  void aFailedAttemptIsRetriedWithExponentialBackoffCappedAtTheMaximum() {
    executor.failures.put("identity_web", 2);

    RunReport report = runner(1, new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(15)), Duration.ofMinutes(1))
        .run(graph, DAY, false);

    assertThat(report.succeeded()).isTrue();
    assertThat(report.result("identity_web").attempts()).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(15));
    assertThat(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60)).delayBefore(5)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void aFailureThatWouldRepeatIsNotRetriedAndSkipsEverythingAfterIt() {
    executor.behaviour.put("identity_web", () -> {
      throw new TaskFailure("roundtrip.yml line 3: unknown key", 3, false);
    });

    RunReport report = runner(2, TWO_RETRIES, Duration.ofMinutes(1)).run(graph, DAY, false);

    assertThat(report.succeeded()).isFalse();
    assertThat(report.result("identity_web").state()).isEqualTo(TaskState.FAILED);
    assertThat(report.result("identity_web").attempts()).isEqualTo(1);
    assertThat(report.result("identity_web").error()).isEqualTo("roundtrip.yml line 3: unknown key");
    assertThat(waits).isEmpty();
    for (String after : List.of("ltv_web", "funnels_web", "sync_vip")) {
      assertThat(report.result(after).state()).isEqualTo(TaskState.UPSTREAM_FAILED);
      assertThat(report.result(after).error()).isEqualTo("not run: identity_web failed");
    }
    assertThat(executor.order).containsExactly("load_web", "identity_web");
    assertThat(report.table()).contains("identity_web  failed").contains("sync_vip      upstream_failed");
  }

  @Test
  void anAttemptThatOutlivesTheTimeoutIsStoppedAndCountsAsFailed() {
    executor.behaviour.put("load_web", () -> Thread.sleep(60_000));

    RunReport report = runner(1, new RetryPolicy(1, Duration.ZERO, Duration.ZERO), Duration.ofMillis(200))
        .run(graph, DAY, false);

    assertThat(report.result("load_web").state()).isEqualTo(TaskState.FAILED);
    assertThat(report.result("load_web").attempts()).isEqualTo(2);
    assertThat(report.result("load_web").error()).isEqualTo("timed out after 0.2s");
    assertThat(executor.cancelled).containsExactly("load_web", "load_web");
    assertThat(executor.interrupted).hasValue(2);
  }

  @Test
  void resumeRunsOnlyWhatTheLastRunOfTheIntervalDidNotFinish() {
    executor.behaviour.put("ltv_web", () -> {
      throw new TaskFailure("fit did not converge", 1, true);
    });
    RunReport failed = runner(2, new RetryPolicy(0, Duration.ZERO, Duration.ZERO), Duration.ofMinutes(1))
        .run(graph, DAY, false);
    assertThat(failed.succeeded()).isFalse();
    executor.behaviour.clear();
    executor.order.clear();

    RunReport resumed = runner(2, TWO_RETRIES, Duration.ofMinutes(1)).run(graph, DAY, true);

    assertThat(resumed.succeeded()).isTrue();
    assertThat(executor.order).containsExactly("ltv_web", "sync_vip");
    assertThat(resumed.result("load_web").state()).isEqualTo(TaskState.DONE_BEFORE);
    assertThat(resumed.result("funnels_web").state()).isEqualTo(TaskState.DONE_BEFORE);
    assertThat(recorder.finished).containsExactly(false, true);
  }

  @Test
  void everyTaskIsRecordedAsItEndsAndTheRunAtItsEnd() {
    executor.behaviour.put("sync_vip", () -> {
      throw new IllegalStateException("destination said 500");
    });

    runner(2, new RetryPolicy(0, Duration.ZERO, Duration.ZERO), Duration.ofMinutes(1)).run(graph, DAY, false);

    assertThat(recorder.tasks).extracting(TaskResult::task)
        .containsExactlyInAnyOrder("load_web", "identity_web", "ltv_web", "funnels_web", "sync_vip");
    assertThat(recorder.tasks.get(recorder.tasks.size() - 1).state()).isIn(TaskState.FAILED, TaskState.SUCCEEDED);
    assertThat(recorder.tasks).filteredOn(r -> r.task().equals("sync_vip")).singleElement()
        .satisfies(r -> assertThat(r.error()).isEqualTo("destination said 500"));
    assertThat(recorder.started).hasSize(1);
    assertThat(recorder.finished).containsExactly(false);
  }

  @Test
  void aBackfillRunsEachDayInOrderAndStopsAfterAFailedDay() {
    List<DataInterval> days = DataInterval.days(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-04"));
    executor.failOnDay = "2026-01-02";

    List<RunReport> reports = runner(2, new RetryPolicy(0, Duration.ZERO, Duration.ZERO), Duration.ofMinutes(1))
        .runDays(graph, days, false);

    assertThat(reports).extracting(r -> r.run().interval().start()).containsExactly("2026-01-01", "2026-01-02");
    assertThat(reports).extracting(RunReport::succeeded).containsExactly(true, false);
  }

  private static void meet(CountDownLatch latch) throws Exception {
    latch.countDown();
    if (!latch.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the other task never started");
    }
  }

  interface Behaviour {
    void run() throws Exception;
  }

  /** Runs each task's scripted behaviour; records order, commands and cancels. */
  static final class ScriptedExecutor implements TaskExecutor {
    final List<String> order = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<String>> commands = Collections.synchronizedMap(new HashMap<>());
    final Map<String, Behaviour> behaviour = Collections.synchronizedMap(new HashMap<>());
    final Map<String, Integer> failures = Collections.synchronizedMap(new HashMap<>());
    final List<String> cancelled = Collections.synchronizedList(new ArrayList<>());
    final java.util.concurrent.atomic.AtomicInteger interrupted = new java.util.concurrent.atomic.AtomicInteger();
    volatile String failOnDay;

    @Override
    public void run(Job job, List<String> command) throws Exception {
      order.add(job.name());
      commands.put(job.name(), command);
      if (failOnDay != null && command.get(command.indexOf("--start") + 1).equals(failOnDay) && job.name().equals("sync_vip")) {
        throw new TaskFailure("failed on " + failOnDay, 1, true);
      }
      int left = failures.getOrDefault(job.name(), 0);
      if (left > 0) {
        failures.put(job.name(), left - 1);
        throw new TaskFailure("transient", 1, true);
      }
      Behaviour scripted = behaviour.get(job.name());
      if (scripted != null) {
        try {
          scripted.run();
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
          throw e;
        }
      }
    }

    @Override
    public void cancel(Job job) {
      cancelled.add(job.name());
    }
  }

  /** Runs and tasks kept in memory; the last run's done tasks for resume. */
  static final class MemoryRecorder implements RunRecorder {
    final List<PipelineRun> started = new ArrayList<>();
    final List<TaskResult> tasks = new ArrayList<>();
    final List<Boolean> finished = new ArrayList<>();
    final Map<DataInterval, Set<String>> lastDone = new HashMap<>();
    private final Map<String, Set<String>> doneByRun = new HashMap<>();

    @Override
    public void runStarted(PipelineRun run) {
      started.add(run);
      lastDone.put(run.interval(), new LinkedHashSet<>());
      doneByRun.put(run.runId(), lastDone.get(run.interval()));
    }

    @Override
    public void taskFinished(PipelineRun run, TaskResult result) {
      tasks.add(result);
      if (result.state().done()) {
        doneByRun.get(run.runId()).add(result.task());
      }
    }

    @Override
    public void runFinished(PipelineRun run, boolean succeeded, List<TaskResult> results) {
      finished.add(succeeded);
    }

    @Override
    public Set<String> doneInLastRun(PipelineRun run) {
      return new HashSet<>(lastDone.getOrDefault(run.interval(), Set.of()));
    }
  }
}
