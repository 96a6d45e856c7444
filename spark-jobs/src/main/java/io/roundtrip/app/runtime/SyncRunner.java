package io.roundtrip.app.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.app.config.ConfigException;
import io.roundtrip.app.config.SyncConfig;
import io.roundtrip.reverseetl.delivery.Clock;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.history.SyncHistory;
import io.roundtrip.reverseetl.secrets.Redactor;
import io.roundtrip.reverseetl.state.StateStore;
import io.roundtrip.reverseetl.state.SyncLock;
import io.roundtrip.reverseetl.state.SyncState;
import io.roundtrip.reverseetl.sync.SyncDefinition;
import io.roundtrip.reverseetl.sync.SyncJob;
import io.roundtrip.reverseetl.sync.SyncPlan;
import io.roundtrip.reverseetl.sync.UnsupportedModeException;
import io.roundtrip.reverseetl.report.SyncReport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Runs configured syncs and reads their history: the one path the sync and bench commands share. */
public final class SyncRunner {

  /** Sample records a dry run shows per operation. */
  static final int SAMPLES = 3;
  /** Decisions a run prints (all are in the history). */
  static final int DECISIONS = 10;
  /** Failed records {@code sync status} shows. */
  static final int STATUS_ERRORS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RoundtripContext context;
  private final Map<String, String> env;

  public SyncRunner(RoundtripContext context, Map<String, String> env) {
    this.context = context;
    this.env = env;
  }

  /** Where a warehouse keeps its syncs' state. */
  public static String stateRoot(String warehousePath) {
    return warehousePath + "/_roundtrip/sync_state";
  }

  private StateStore store() {
    return new StateStore(stateRoot(context.config().warehouse().path()),
        context.spark().sparkContext().hadoopConfiguration());
  }

  private SyncJob job(StateStore store, Redactor redactor) {
    return new SyncJob(context.spark(), context.warehouse(), store,
        new SyncHistory(context.spark(), context.warehouse(), redactor), Clock.SYSTEM, new SecureRandom());
  }

  /**
   * Plans the sync and, unless it is a dry run, sends the plan. Reports progress lines; returns
   * the run's report, or null for a dry run.
   */
  public SyncReport run(String name, boolean dryRun, boolean fullResync, Consumer<String> out)
      throws InterruptedException {
    SyncConfig config = context.config().sync(name);
    SyncDefinition definition = config.definition();
    Redactor redactor = new Redactor(List.copyOf(config.destination().secrets(env)));
    StateStore store = store();
    // a dry run changes nothing, so it needs no lock; a run holds it from planning to commit
    try (SyncLock lock = dryRun ? null : store.lock(name);
        Destination destination = config.destination().open(config, env)) {
      SyncJob job = job(store, redactor);
      long planning = System.nanoTime();
      definition.after().forEach(before -> out.accept(lastRunOf(before, name)));
      SyncPlan plan;
      try {
        plan = dryRun ? job.preview(definition, destination, fullResync)
            : job.plan(definition, destination, fullResync);
      } catch (UnsupportedModeException e) {
        throw new ConfigException("sync " + name + " (" + config.destination().describe() + "): " + e.getMessage(), e);
      }
      out.accept(String.format("sync %s (%s): %d rows %s: %d added, %d changed, %d removed, %d unchanged%s; planned in %.1f s",
          name, definition.mode().name().toLowerCase(Locale.ROOT), plan.extracted(),
          plan.incremental() ? "read through the change feed" : "in the model", plan.added(), plan.changed(),
          plan.removed(), plan.unchanged(), plan.permanentlyFailed().isEmpty() ? ""
              : ", " + plan.permanentlyFailed().size() + " left alone after failing " + definition.maxFailedRuns() + " runs",
          (System.nanoTime() - planning) / 1e9));
      if (dryRun) {
        describe(job, plan, redactor, out);
        return null;
      }
      SyncReport report = job.run(plan, destination);
      out.accept(String.format("%s: sent %d, acknowledged %d, skipped_missing %d, failed %d (retried next run), "
              + "rejected %d, in %d requests, %.1f s", report.status(), report.sent(), report.acknowledged(),
          report.skippedMissing(), report.failed(), report.rejected(), report.requests(), report.millis() / 1000.0));
      report.decisions().stream().limit(DECISIONS).forEach(decision -> out.accept("  " + decision));
      if (report.decisions().size() > DECISIONS) {
        out.accept("  ... " + (report.decisions().size() - DECISIONS) + " more decisions in _roundtrip.sync_runs");
      }
      report.errors().stream().limit(10).forEach(error -> out.accept("  " + error.operation() + " "
          + printable(error.key()) + ": " + error.error()));
      if (report.errors().size() > 10) {
        out.accept("  ... " + (report.errors().size() - 10) + " more in _roundtrip.sync_errors");
      }
      return report;
    }
  }

  /**
   * What this sync's {@code after} dependency did last: the pipeline orders the runs; a run by
   * hand says whether the one it depends on ran (records of people it has not sent yet are
   * deferred, not lost).
   */
  private String lastRunOf(String before, String sync) {
    if (context.warehouse().schema(SyncHistory.RUNS).isEmpty()) {
      return "after " + before + ": it has not run yet; " + sync + " defers the records whose person it has not sent";
    }
    List<Row> last = context.warehouse().read(SyncHistory.RUNS).where(functions.col("sync").equalTo(before))
        .orderBy(functions.col("finished_at").desc()).limit(1).collectAsList();
    if (last.isEmpty()) {
      return "after " + before + ": it has not run yet; " + sync + " defers the records whose person it has not sent";
    }
    return "after " + before + ": its last run " + last.get(0).<String>getAs("status") + " at "
        + last.get(0).getAs("finished_at");
  }

  private static void describe(SyncJob job, SyncPlan plan, Redactor redactor, Consumer<String> out) {
    if (plan.toSend() == 0) {
      out.accept("dry run: nothing to send");
      return;
    }
    out.accept("dry run: would send " + plan.counts().entrySet().stream()
        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue()).toList() + "; nothing was sent");
    for (Map.Entry<Operation, List<SyncRecord>> sample : job.samples(plan, SAMPLES).entrySet()) {
      for (SyncRecord record : sample.getValue()) {
        out.accept("  " + sample.getKey().name().toLowerCase(Locale.ROOT) + " " + printable(record.key()) + " "
            + json(redactor.fields(record.fields())));
      }
    }
  }

  /** The last runs of a sync, newest first, and what its state holds. */
  public List<String> status(String name, int runs) {
    context.config().sync(name); // fails for an unknown name
    List<String> lines = new ArrayList<>();
    StateStore store = store();
    SyncState state = store.load(name);
    lines.add(String.format("sync %s: %d records acknowledged by the destination, %d failing, state version %d%s",
        name, state.acknowledged().size(), state.failures().size(), state.version(),
        store.pendingIntents(name).isEmpty() ? "" : "; a run stopped before committing (the next run reconciles it)"));
    if (context.warehouse().schema(SyncHistory.RUNS).isEmpty()) {
      lines.add("no runs yet");
      return lines;
    }
    List<Row> rows = context.warehouse().read(SyncHistory.RUNS).where(functions.col("sync").equalTo(name))
        .orderBy(functions.col("finished_at").desc()).limit(runs).collectAsList();
    if (rows.isEmpty()) {
      lines.add("no runs yet");
    }
    for (Row row : rows) {
      // runs recorded before skipped_missing existed have none
      Object skipped = List.of(row.schema().fieldNames()).contains("skipped_missing")
          ? row.getAs("skipped_missing") : null;
      lines.add(String.format("%s  %-9s %s  extracted %d, added %d, changed %d, removed %d, sent %d, "
              + "skipped_missing %d, failed %d, rejected %d, %.1f s  run %s",
          row.getAs("finished_at"), row.<String>getAs("status"), row.<String>getAs("mode"), row.<Long>getAs("extracted"),
          row.<Long>getAs("added"), row.<Long>getAs("changed"), row.<Long>getAs("removed"), row.<Long>getAs("sent"),
          skipped == null ? 0L : (Long) skipped, row.<Long>getAs("failed"), row.<Long>getAs("rejected"),
          row.<Long>getAs("duration_ms") / 1000.0, row.<String>getAs("run_id")));
    }
    if (!rows.isEmpty()) {
      lines.addAll(lastRunProblems(rows.get(0)));
    }
    return lines;
  }

  /** Why the last run stopped, if it did, and the records that failed in it (the first ten). */
  private List<String> lastRunProblems(Row last) {
    List<String> lines = new ArrayList<>();
    String decisions = last.getAs("decisions");
    if (decisions != null) {
      decisions.lines().filter(line -> line.startsWith("stopped: ")).forEach(line -> lines.add("last run " + line));
    }
    if (context.warehouse().schema(SyncHistory.ERRORS).isEmpty()) {
      return lines;
    }
    Dataset<Row> errors = context.warehouse().read(SyncHistory.ERRORS)
        .where(functions.col("run_id").equalTo(last.<String>getAs("run_id")));
    List<Row> first = errors.orderBy("key").limit(STATUS_ERRORS).collectAsList();
    if (first.isEmpty()) {
      return lines;
    }
    long total = errors.count();
    lines.add("records that failed in the last run" + (total > first.size() ? " (first " + first.size() + " of "
        + total + ", all in _roundtrip.sync_errors)" : "") + ":");
    for (Row error : first) {
      lines.add("  " + error.<String>getAs("operation") + " " + printable(error.getAs("key")) + ": "
          + error.<String>getAs("error") + (Boolean.TRUE.equals(error.getAs("permanent")) ? " (permanent)" : ""));
    }
    return lines;
  }

  /** A composite key as the user wrote the columns, joined with |. */
  static String printable(String key) {
    return key.replace('\u001f', '|');
  }

  private static String json(Map<String, Object> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (Exception e) {
      return String.valueOf(fields);
    }
  }
}
