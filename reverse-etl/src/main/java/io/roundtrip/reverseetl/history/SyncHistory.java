package io.roundtrip.reverseetl.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.reverseetl.report.RecordError;
import io.roundtrip.reverseetl.report.SyncReport;
import io.roundtrip.reverseetl.secrets.Redactor;
import io.roundtrip.warehouse.Bookkeeping;
import io.roundtrip.warehouse.DriverAppends;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code _roundtrip.sync_runs} (one row per run: status, counts, duration, the sender's
 * decisions) and {@code _roundtrip.sync_errors} (one row per record that failed, with the error
 * and the payload, secrets removed).
 */
public final class SyncHistory {

  public static final TableId RUNS = Bookkeeping.table("sync_runs");
  public static final TableId ERRORS = Bookkeeping.table("sync_errors");

  /** Decisions kept per run: enough to see what happened, not a log of every batch. */
  private static final int MAX_DECISIONS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  static final StructType RUNS_SCHEMA = new StructType()
      .add("sync", DataTypes.StringType).add("run_id", DataTypes.StringType).add("mode", DataTypes.StringType)
      .add("status", DataTypes.StringType).add("finished_at", DataTypes.TimestampType)
      .add("duration_ms", DataTypes.LongType).add("extracted", DataTypes.LongType).add("added", DataTypes.LongType)
      .add("changed", DataTypes.LongType).add("removed", DataTypes.LongType).add("unchanged", DataTypes.LongType)
      .add("sent", DataTypes.LongType).add("acknowledged", DataTypes.LongType).add("failed", DataTypes.LongType)
      .add("rejected", DataTypes.LongType).add("permanently_failed", DataTypes.LongType)
      .add("requests", DataTypes.IntegerType).add("decisions", DataTypes.StringType)
      // added after the others, so a table written before it gains the column on the next append
      .add("skipped_missing", DataTypes.LongType);

  static final StructType ERRORS_SCHEMA = new StructType()
      .add("sync", DataTypes.StringType).add("run_id", DataTypes.StringType).add("key", DataTypes.StringType)
      .add("operation", DataTypes.StringType).add("error", DataTypes.StringType)
      .add("permanent", DataTypes.BooleanType).add("payload", DataTypes.StringType)
      .add("at", DataTypes.TimestampType);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final Redactor redactor;

  public SyncHistory(SparkSession spark, Warehouse warehouse, Redactor redactor) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.redactor = redactor;
  }

  public void record(SyncReport report, String mode) {
    Instant now = Instant.now();
    List<String> decisions = report.decisions().size() > MAX_DECISIONS
        ? report.decisions().subList(0, MAX_DECISIONS) : report.decisions();
    Row run = RowFactory.create(report.sync(), report.runId(), mode, report.status(), now, report.millis(),
        report.extracted(), report.added(), report.changed(), report.removed(), report.unchanged(), report.sent(),
        report.acknowledged(), report.failed(), report.rejected(), report.permanentlyFailed(), report.requests(),
        redactor.redact(String.join("\n", decisions)), report.skippedMissing());
    DriverAppends.append(warehouse, RUNS, RUNS_SCHEMA, List.of(run), null);
    if (report.errors().isEmpty()) {
      return;
    }
    List<Row> errors = new ArrayList<>();
    for (RecordError error : report.errors()) {
      errors.add(RowFactory.create(report.sync(), report.runId(), error.key(), error.operation(),
          redactor.redact(error.error()), error.permanent(), json(redactor.fields(error.payload())), now));
    }
    DriverAppends.append(warehouse, ERRORS, ERRORS_SCHEMA, errors, null);
  }

  private static String json(Map<String, Object> payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (Exception e) {
      return String.valueOf(payload);
    }
  }
}
