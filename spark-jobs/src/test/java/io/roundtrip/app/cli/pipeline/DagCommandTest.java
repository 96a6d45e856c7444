package io.roundtrip.app.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.app.cli.RoundtripCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** pipeline show and dag generate: no Spark, the graph of roundtrip.yml. */
class DagCommandTest {

  @TempDir
  Path tmp;

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    CommandLine command = RoundtripCommand.commandLine(Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private Path config(String syncs) throws Exception {
    Path file = tmp.resolve("roundtrip.yml");
    Files.writeString(file, "warehouse: {path: " + tmp.resolve("warehouse") + "}\n" + """
        sources:
          web: {input: ./archive}
        schedule: "0 4 * * *"
        pipeline: {dag_id: nightly, retries: 1, retry_delay: 2m, max_retry_delay: 20m, timeout: 90m, pool: etl}
        syncs:
        """ + syncs);
    return file;
  }

  private static final String VIP = """
        - name: vip
          model: web_models.ltv_customers
          primary_key: customer_id
          destination: {type: webhook, url: "https://h.example.com", secret_env: S}
        - name: hourly
          model: SELECT id FROM web.users
          primary_key: id
          schedule: "5 * * * *"
          destination: {type: webhook, url: "https://h.example.com", secret_env: S}
      """;

  @Test
  void dagGenerateWritesOneDagForThePipelineAndOnePerSyncWithItsOwnCron() throws Exception {
    Path config = config(VIP);

    Result result = run("dag", "generate", "--config", config.toString(), "--out", tmp.resolve("dags").toString(),
        "--task-config", "/etc/roundtrip.yml");

    assertThat(result.exit()).as(result.err()).isZero();
    String main = Files.readString(tmp.resolve("dags/nightly.py"));
    assertThat(main).contains("from airflow.sdk import DAG, CronDataIntervalTimetable, TaskGroup")
        .contains("schedule=CronDataIntervalTimetable(\"0 4 * * *\", timezone=\"UTC\")")
        .contains("\"retries\": 1,").contains("\"retry_delay\": timedelta(seconds=120),")
        .contains("\"max_retry_delay\": timedelta(seconds=1200),").contains("\"execution_timeout\": timedelta(seconds=5400),")
        .contains("\"pool\": \"etl\",")
        .contains("application_args=[\"load\", \"--source\", \"web\", \"--start\", \"{{ data_interval_start | ds }}\", "
            + "\"--end\", \"{{ data_interval_end | ds }}\", \"--config\", \"/etc/roundtrip.yml\"]")
        .contains("    ltv_web >> sync_vip\n").doesNotContain("sync_hourly = ");
    assertThat(Files.readString(tmp.resolve("dags/nightly_sync_hourly.py")))
        .contains("schedule=CronDataIntervalTimetable(\"5 * * * *\", timezone=\"UTC\")")
        .contains("application_args=[\"sync\", \"run\", \"hourly\", \"--config\", \"/etc/roundtrip.yml\"]");

    Result again = run("dag", "generate", "--config", config.toString(), "--out", tmp.resolve("again").toString(),
        "--task-config", "/etc/roundtrip.yml");
    assertThat(again.exit()).isZero();
    assertThat(Files.readString(tmp.resolve("again/nightly.py"))).isEqualTo(main);
  }

  @Test
  void pipelineShowJsonNamesEachTasksDag() throws Exception {
    Result result = run("pipeline", "show", "--format", "json", "--config", config(VIP).toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("{\"name\": \"sync_hourly\", \"kind\": \"sync\", \"stage\": \"stage_2\", \"dag\": \"nightly_sync_hourly\", "
            + "\"schedule\": \"5 * * * *\", \"upstream\": [\"load_web\"], \"command\": [\"sync\", \"run\", \"hourly\"]}")
        .contains("[\"ltv_web\", \"sync_vip\"]");
  }

  @Test
  void aScheduleThatIsNotACronIsAConfigurationErrorNamingTheFile() throws Exception {
    Path file = tmp.resolve("bad.yml");
    Files.writeString(file, "schedule: every night\n");

    Result result = run("dag", "generate", "--config", file.toString(), "--out", tmp.resolve("dags").toString());

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err()).contains("bad.yml").contains("schedule").contains("Invalid schedule \"every night\"");
    assertThat(tmp.resolve("dags")).doesNotExist();
  }

  @Test
  void aGraphThatCannotRunIsAConfigurationErrorBeforeAnythingStarts() throws Exception {
    Result result = run("pipeline", "run", "--date", "2026-01-01", "--config", config("""
          - name: crm
            model: crm.accounts
            primary_key: id
            destination: {type: webhook, url: "https://h.example.com", secret_env: S}
        """).toString());

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err()).contains("No job writes what these read: sync_crm reads crm.accounts.");
    assertThat(tmp.resolve("warehouse")).doesNotExist();
  }
}
