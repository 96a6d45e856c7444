package io.roundtrip.app.config;

import io.roundtrip.orchestration.runner.RetryPolicy;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code pipeline:}: how the job graph runs, locally ({@code roundtrip pipeline run}) and in the
 * generated Airflow DAGs, which take the same values. The schedule itself is the top-level
 * {@code schedule:}.
 *
 * @param retries attempts after the first one, per task
 * @param retryDelay wait before the first retry; doubled for each one after, up to {@code maxRetryDelay}
 * @param timeout how long one attempt of a task may run
 * @param parallelism tasks the local runner runs at once
 * @param startDate the first data interval Airflow schedules
 * @param catchup whether Airflow runs the intervals since {@code startDate} it has not run
 */
public record PipelineConfig(String dagId, LocalDate startDate, Boolean catchup, Integer maxActiveRuns,
    Integer retries, String retryDelay, String maxRetryDelay, String timeout, Integer parallelism, String pool,
    List<String> tags) {

  public static final PipelineConfig DEFAULT = new PipelineConfig(null, null, null, null, null, null, null, null,
      null, null, null);

  public PipelineConfig {
    dagId = dagId == null ? "roundtrip" : dagId;
    if (!dagId.matches("[A-Za-z0-9_.-]+")) {
      throw new InvalidSetting("the DAG id \"" + dagId + "\" may have letters, digits, _, . and - only", "dag_id");
    }
    startDate = startDate == null ? LocalDate.parse("2026-01-01") : startDate;
    catchup = catchup != null && catchup;
    maxActiveRuns = maxActiveRuns == null ? 1 : maxActiveRuns;
    retries = retries == null ? 2 : retries;
    retryDelay = retryDelay == null ? "30s" : retryDelay;
    maxRetryDelay = maxRetryDelay == null ? "10m" : maxRetryDelay;
    timeout = timeout == null ? "2h" : timeout;
    parallelism = parallelism == null ? 2 : parallelism;
    tags = tags == null ? List.of("roundtrip") : List.copyOf(tags);
    if (maxActiveRuns < 1) {
      throw new InvalidSetting("max_active_runs must be at least 1", "max_active_runs");
    }
    if (retries < 0) {
      throw new InvalidSetting("retries must not be negative", "retries");
    }
    if (parallelism < 1) {
      throw new InvalidSetting("parallelism must be at least 1", "parallelism");
    }
    // the fields are set when this constructor ends: check the parameters themselves
    try {
      new RetryPolicy(retries, Durations.parse(retryDelay, "pipeline.retry_delay"),
          Durations.parse(maxRetryDelay, "pipeline.max_retry_delay"));
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting(e.getMessage(), "retry_delay");
    }
    try {
      Durations.parse(timeout, "pipeline.timeout");
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting(e.getMessage(), "timeout");
    }
  }

  public RetryPolicy retry() {
    return new RetryPolicy(retries, Durations.parse(retryDelay, "pipeline.retry_delay"),
        Durations.parse(maxRetryDelay, "pipeline.max_retry_delay"));
  }

  public Duration timeoutDuration() {
    return Durations.parse(timeout, "pipeline.timeout");
  }
}
