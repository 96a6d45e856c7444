package io.roundtrip.orchestration.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.orchestration.graph.Job;
import io.roundtrip.orchestration.graph.JobGraph;
import io.roundtrip.orchestration.graph.TestJob;
import io.roundtrip.orchestration.runner.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The DAG files, compared with golden files in {@code src/test/resources/golden/}. Those were read
 * line by line when written, and CI imports files generated the same way with Airflow 3.3 and 2.11
 * (`.ci/check_dags.py`). After an intended change, regenerate them with
 * {@code mvn test -pl orchestration -Dtest=DagGeneratorTest -Dgolden.update=true} and read the diff.
 */
class DagGeneratorTest {

  static JobGraph graph() {
    List<Job> jobs = new ArrayList<>(TestJob.nightly());
    jobs.add(new TestJob("sync_hourly", "sync", Set.of("web_models.ltv_customers"), Set.of("sync:hourly"),
        Optional.of("0 * * * *")));
    return JobGraph.of(jobs);
  }

  static DagSettings settings(AirflowVersion airflow, TaskOperator operator) {
    return new DagSettings("roundtrip", "0 2 * * *", LocalDate.parse("2026-01-01"), true, 1,
        new RetryPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(30)), Duration.ofHours(2), "roundtrip",
        List.of("roundtrip", "nightly"), airflow, operator, "/opt/roundtrip/roundtrip-cluster.jar",
        "io.roundtrip.app.cli.RoundtripCommand", "spark_default",
        Map.of("spark.driver.extraJavaOptions", "-XX:+UseParallelGC", "spark.executor.memory", "4g"),
        "/opt/roundtrip/roundtrip", List.of("--config", "/etc/roundtrip/roundtrip.yml"));
  }

  @Test
  void airflow3SparkSubmitDagMatchesItsGoldenFile() throws IOException {
    Map<String, String> files = new DagGenerator(settings(AirflowVersion.AIRFLOW_3, TaskOperator.SPARK_SUBMIT)).generate(graph());

    assertThat(files.keySet()).containsExactly("roundtrip.py", "roundtrip_sync_hourly.py");
    assertGolden("airflow3-spark-submit/roundtrip.py", files.get("roundtrip.py"));
    assertGolden("airflow3-spark-submit/roundtrip_sync_hourly.py", files.get("roundtrip_sync_hourly.py"));
  }

  @Test
  void airflow2BashDagMatchesItsGoldenFile() throws IOException {
    Map<String, String> files = new DagGenerator(settings(AirflowVersion.AIRFLOW_2, TaskOperator.BASH)).generate(graph());

    assertGolden("airflow2-bash/roundtrip.py", files.get("roundtrip.py"));
  }

  @Test
  void generatingTwiceGivesTheSameBytes() {
    DagGenerator generator = new DagGenerator(settings(AirflowVersion.AIRFLOW_3, TaskOperator.SPARK_SUBMIT));

    assertThat(generator.generate(graph())).isEqualTo(generator.generate(graph()));
  }

  @Test
  void aJobWithItsOwnCronGoesToItsOwnDag() {
    Map<String, String> dags = new DagGenerator(settings(AirflowVersion.AIRFLOW_3, TaskOperator.BASH)).dagOf(graph());

    assertThat(dags).containsEntry("sync_vip", "roundtrip").containsEntry("sync_hourly", "roundtrip_sync_hourly");
  }

  @Test
  void airflowImportsFollowTheVersion() {
    String three = new DagGenerator(settings(AirflowVersion.AIRFLOW_3, TaskOperator.BASH)).generate(graph()).get("roundtrip.py");
    String two = new DagGenerator(settings(AirflowVersion.AIRFLOW_2, TaskOperator.SPARK_SUBMIT)).generate(graph()).get("roundtrip.py");

    assertThat(three).contains("from airflow.sdk import DAG, CronDataIntervalTimetable, TaskGroup\n")
        .contains("from airflow.providers.standard.operators.bash import BashOperator\n").doesNotContain("from airflow import DAG");
    assertThat(two).contains("from airflow import DAG\n").contains("from airflow.utils.task_group import TaskGroup\n")
        .contains("from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator\n");
  }

  @Test
  void schedulesArePresetsOrFiveFieldCrons() {
    assertThat(DagSettings.cron("@daily")).isEqualTo("0 0 * * *");
    assertThat(DagSettings.cron(" 0  3 * * 1-5 ")).isEqualTo("0 3 * * 1-5");
    assertThatThrownBy(() -> DagSettings.cron("every night")).hasMessageStartingWith("Invalid schedule \"every night\"");
  }

  private static void assertGolden(String name, String actual) throws IOException {
    Path file = Path.of("src/test/resources/golden", name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
    }
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(actual).as("golden file " + name).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
