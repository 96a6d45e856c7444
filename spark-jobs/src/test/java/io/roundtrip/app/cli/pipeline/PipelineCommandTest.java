package io.roundtrip.app.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.app.cli.RoundtripCommand;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PipelineCommandTest {

  @TempDir
  static Path tmp;

  static Path archive;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void archiveOfAWeek() {
    SharedSpark.session();
    Result generated = run("generate-events", "--out", tmp.resolve("archive").toString(), "--events", "4000",
        "--days", "7", "--start-day", "2026-01-01");
    assertThat(generated.exit()).as(generated.err()).isZero();
    archive = tmp.resolve("archive/segment-logs/js-web");
  }

  static Result run(String... args) {
    CommandLine command = RoundtripCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  static Path config(String name, String extra) throws Exception {
    Path file = tmp.resolve(name + ".yml");
    Files.writeString(file, "warehouse:\n  path: " + tmp.resolve(name) + "\n"
        + "sources:\n  web:\n    input: " + archive + "\n"
        + "pipeline:\n  retries: 0\n  parallelism: 2\n" + extra);
    return file;
  }

  @Test
  void aWeekOfBackfillGivesTheTablesOfSevenSingleDayRuns() throws Exception {
    Path backfill = config("backfill", "");
    Path daily = config("daily", "");

    // the load and the incremental model, whose results depend on how the days were split; the
    // other models rebuild from every table (and LTV needs more customers than a small week has)
    String select = "load_web,identity_web";
    Result week = run("pipeline", "run", "--start", "2026-01-01", "--end", "2026-01-07", "--select", select,
        "--config", backfill.toString());
    assertThat(week.exit()).as(week.out() + week.err()).isZero();
    for (int day = 1; day <= 7; day++) {
      Result one = run("pipeline", "run", "--date", "2026-01-0" + day, "--select", select, "--config", daily.toString());
      assertThat(one.exit()).as(one.out() + one.err()).isZero();
    }

    SparkSession spark = SharedSpark.session();
    List<String> tables = new ArrayList<>();
    for (String namespace : List.of("web", "web_models")) {
      for (Path table : Files.list(tmp.resolve("backfill").resolve(namespace)).sorted().toList()) {
        // run histories hold the times of the runs, not data
        if (!table.getFileName().toString().endsWith("_runs")) {
          tables.add(namespace + "/" + table.getFileName());
        }
      }
    }
    assertThat(tables).contains("web/tracks", "web/users", "web_models/identity_mappings", "web_models/profiles");
    for (String table : tables) {
      Dataset<Row> a = comparable(spark.read().format("delta").load(tmp.resolve("backfill").resolve(table).toString()));
      Dataset<Row> b = comparable(spark.read().format("delta").load(tmp.resolve("daily").resolve(table).toString()));
      // both differences empty: the same rows, as many times each
      assertThat(a.exceptAll(b).count()).as(table + " rows only in the backfill").isZero();
      assertThat(b.exceptAll(a).count()).as(table + " rows only in the daily runs").isZero();
    }
    Dataset<Row> runs = spark.read().format("delta").load(tmp.resolve("backfill/_roundtrip/pipeline_runs").toString());
    assertThat(runs.filter("task IS NULL AND state = 'succeeded'").count()).isEqualTo(7);
    assertThat(runs.filter("task = 'load_web' AND state = 'succeeded'").select("data_interval_start").distinct().count())
        .isEqualTo(7);
    assertThat(week.out()).contains("run ").contains("for 2026-01-07: succeeded").contains("identity_web");
  }

  @Test
  void resumeRunsOnlyWhatTheLastRunOfTheDayLeftUndoneAndRecordsBoth() throws Exception {
    Path resumed = config("resumed", "");
    // one day of a small archive has too few customers for the LTV fit: a failure that repeats
    Result first = run("pipeline", "run", "--date", "2026-01-01", "--select", "load_web,ltv_web",
        "--config", resumed.toString());
    assertThat(first.exit()).isEqualTo(1);
    assertThat(first.out()).containsPattern("load_web +succeeded +1").containsPattern("ltv_web +failed +1 ");

    Result second = run("pipeline", "run", "--date", "2026-01-01", "--select", "load_web,ltv_web", "--resume",
        "--config", resumed.toString());

    assertThat(second.exit()).isEqualTo(1);
    assertThat(second.out()).containsPattern("load_web +done_before +0").containsPattern("ltv_web +failed +1");
    assertThat(second.err()).doesNotContain("load_web: started");
    Dataset<Row> runs = SharedSpark.session().read().format("delta")
        .load(tmp.resolve("resumed/_roundtrip/pipeline_runs").toString());
    assertThat(runs.filter("task IS NULL AND state = 'failed'").count()).isEqualTo(2);
    assertThat(runs.filter("task = 'load_web'").select("state").orderBy("finished_at").collectAsList())
        .extracting(row -> row.getString(0)).containsExactly("succeeded", "done_before");
  }

  /** The rows without what is the time of the run rather than of the data. */
  private static Dataset<Row> comparable(Dataset<Row> rows) {
    String[] volatile_ = Arrays.stream(rows.columns())
        .filter(c -> c.equals("uuid_ts") || c.equals("computed_at") || c.equals("run_at") || c.equals("updated_at")
            || c.equals("loaded_at") || c.equals("run_id") || c.equals("load_id"))
        .toArray(String[]::new);
    return rows.drop(volatile_);
  }
}
