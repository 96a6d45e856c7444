package io.roundtrip.app.pipeline;

import static org.apache.spark.sql.functions.col;

import io.roundtrip.orchestration.graph.Shell;
import io.roundtrip.orchestration.runner.PipelineRun;
import io.roundtrip.orchestration.runner.RunRecorder;
import io.roundtrip.orchestration.runner.TaskResult;
import io.roundtrip.orchestration.runner.TaskState;
import io.roundtrip.warehouse.Bookkeeping;
import io.roundtrip.warehouse.DriverAppends;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code _roundtrip.pipeline_runs}: a row per task as it ends, and rows for the run itself
 * ({@code task} null): {@code running} when it starts, then {@code succeeded} or {@code failed}.
 * Appended from the driver like sync and model runs; a killed run keeps the tasks it finished, which
 * is what {@code --resume} reads. The interval's days are {@code YYYY-MM-DD} text, as Airflow's
 * {@code ds} prints them (staged appends write no date columns).
 */
public final class PipelineRuns implements RunRecorder {

  public static final TableId TABLE = Bookkeeping.table("pipeline_runs");

  static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType).add("data_interval_start", DataTypes.StringType)
      .add("data_interval_end", DataTypes.StringType).add("task", DataTypes.StringType)
      .add("state", DataTypes.StringType).add("attempts", DataTypes.IntegerType)
      .add("started_at", DataTypes.TimestampType).add("finished_at", DataTypes.TimestampType)
      .add("duration_ms", DataTypes.LongType).add("error", DataTypes.StringType)
      .add("command", DataTypes.StringType);

  private final Warehouse warehouse;

  public PipelineRuns(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  @Override
  public void runStarted(PipelineRun run) {
    append(row(run, null, "running", 0, run.started(), null, null, null));
  }

  @Override
  public void taskFinished(PipelineRun run, TaskResult result) {
    append(row(run, result.task(), result.state().label(), result.attempts(), result.started(), result.finished(),
        result.error(), Shell.join(result.command())));
  }

  @Override
  public void runFinished(PipelineRun run, boolean succeeded, List<TaskResult> results) {
    append(row(run, null, succeeded ? "succeeded" : "failed", 0, run.started(), Instant.now(), null, null));
  }

  @Override
  public Set<String> doneInLastRun(PipelineRun run) {
    if (warehouse.schema(TABLE).isEmpty()) {
      return Set.of();
    }
    Dataset<Row> rows = warehouse.read(TABLE)
        .filter(col("data_interval_start").equalTo(run.interval().start()));
    List<Row> last = rows.filter(col("task").isNull()).orderBy(col("started_at").desc()).select("run_id").limit(1)
        .collectAsList();
    if (last.isEmpty()) {
      return Set.of();
    }
    Set<String> done = new HashSet<>();
    for (Row row : rows.filter(col("run_id").equalTo(last.get(0).getString(0)).and(col("task").isNotNull()))
        .select("task", "state").collectAsList()) {
      if (TaskState.parse(row.getString(1)).done()) {
        done.add(row.getString(0));
      }
    }
    return done;
  }

  private static Row row(PipelineRun run, String task, String state, int attempts, Instant started, Instant finished,
      String error, String command) {
    Long millis = finished == null ? null : finished.toEpochMilli() - started.toEpochMilli();
    return RowFactory.create(run.runId(), run.interval().start(), run.interval().end(),
        task, state, attempts, started, finished, millis, error, command);
  }

  private void append(Row row) {
    DriverAppends.append(warehouse, TABLE, SCHEMA, List.of(row), null);
  }
}
