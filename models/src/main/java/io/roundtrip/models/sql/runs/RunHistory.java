package io.roundtrip.models.sql.runs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import io.roundtrip.warehouse.Bookkeeping;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code _roundtrip.sql_runs}: one row per node and run, appended when a run ends. */
public final class RunHistory {

  public static final TableId TABLE = Bookkeeping.table("sql_runs");

  static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType)
      .add("command", DataTypes.StringType)
      .add("started_at", DataTypes.TimestampType)
      .add("node", DataTypes.StringType)
      .add("name", DataTypes.StringType)
      .add("resource_type", DataTypes.StringType)
      .add("relation", DataTypes.StringType)
      .add("status", DataTypes.StringType)
      .add("rows", DataTypes.LongType)
      .add("seconds", DataTypes.DoubleType)
      .add("error", DataTypes.StringType);

  /** The nodes of the last run and how each went. */
  public record LastRun(String runId, String command, Map<String, String> statuses) {}

  private final SparkSession spark;
  private final Warehouse warehouse;

  public RunHistory(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  public void append(RunReport report, Instant startedAt) {
    if (report.results().isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (NodeResult result : report.results()) {
      boolean problem = !result.status().equals("success") && !result.status().equals("pass");
      rows.add(RowFactory.create(report.runId(), report.command(), startedAt, result.uniqueId(), result.name(),
          result.resourceType(), result.relation(), result.status(), result.rows() < 0 ? null : result.rows(),
          result.seconds(), problem && !result.message().isEmpty() ? result.message() : null));
    }
    warehouse.write(TABLE, spark.createDataFrame(rows, SCHEMA), WriteMode.append());
  }

  public Optional<LastRun> last() {
    if (warehouse.schema(TABLE).isEmpty()) {
      return Optional.empty();
    }
    List<Row> latest = warehouse.read(TABLE).select("run_id", "command", "started_at")
        .orderBy(desc("started_at")).limit(1).collectAsList();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    String runId = latest.get(0).getString(0);
    Map<String, String> statuses = new LinkedHashMap<>();
    for (Row row : warehouse.read(TABLE).where(col("run_id").equalTo(runId)).select("node", "status").collectAsList()) {
      statuses.put(row.getString(0), row.getString(1));
    }
    return Optional.of(new LastRun(runId, latest.get(0).getString(1), statuses));
  }
}
