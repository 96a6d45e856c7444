package io.roundtrip.orchestration.airflow;

import io.roundtrip.orchestration.runner.RetryPolicy;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the DAG files say beyond the graph.
 *
 * @param schedule the pipeline's cron (or {@code @daily}, {@code @hourly}, ...), as a data-interval
 *     timetable: each run is for the interval that just ended
 * @param pool the Airflow pool every task takes a slot of, or null for Airflow's default pool
 * @param jar for spark-submit: the application jar as the Spark connection's host sees it
 * @param mainClass for spark-submit: the CLI's main class
 * @param connId for spark-submit: the Airflow connection of the Spark master
 * @param sparkConf for spark-submit: {@code --conf} settings
 * @param roundtrip for bash: the {@code roundtrip} launcher on the worker
 * @param commonArgs arguments every task's command ends with (e.g. {@code --config /etc/roundtrip.yml})
 */
public record DagSettings(String dagId, String schedule, LocalDate startDate, boolean catchup, int maxActiveRuns,
    RetryPolicy retry, Duration timeout, String pool, List<String> tags, AirflowVersion airflow,
    TaskOperator operator, String jar, String mainClass, String connId, Map<String, String> sparkConf,
    String roundtrip, List<String> commonArgs) {

  public DagSettings {
    tags = List.copyOf(tags);
    sparkConf = Map.copyOf(sparkConf);
    commonArgs = List.copyOf(commonArgs);
    if (!dagId.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("Invalid DAG id \"" + dagId + "\": use letters, digits, _, . and -");
    }
    if (maxActiveRuns < 1) {
      throw new IllegalArgumentException("max_active_runs must be at least 1: " + maxActiveRuns);
    }
  }

  /** The five-field cron of a schedule: Airflow's presets, spelled out. */
  public static String cron(String schedule) {
    return switch (schedule) {
      case "@hourly" -> "0 * * * *";
      case "@daily", "@midnight" -> "0 0 * * *";
      case "@weekly" -> "0 0 * * 0";
      case "@monthly" -> "0 0 1 * *";
      case "@yearly", "@annually" -> "0 0 1 1 *";
      default -> {
        if (schedule.trim().split("\\s+").length != 5) {
          throw new IllegalArgumentException("Invalid schedule \"" + schedule
              + "\": use a five-field cron (\"0 2 * * *\") or @hourly, @daily, @weekly, @monthly, @yearly");
        }
        yield schedule.trim().replaceAll("\\s+", " ");
      }
    };
  }
}
