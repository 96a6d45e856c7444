package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.delivery.Clock;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.Staging;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.history.SyncHistory;
import io.roundtrip.reverseetl.report.RecordError;
import io.roundtrip.reverseetl.report.SyncReport;
import io.roundtrip.reverseetl.state.StateStore;
import io.roundtrip.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a sync: model rows out to a destination, sending only what changed. The phases are named
 * parts:
 *
 * <ol>
 *   <li>{@link IntentReconciler}: what a run that stopped before committing left in its intents
 *       is checked with the destination and enters the state;
 *   <li>{@link SyncPlanner}: fingerprints the model, checks its keys and diffs it with the state
 *       ({@link #plan} sends nothing);
 *   <li>sending, by {@link StagedSend} (a big run to a destination that stages: written in
 *       parallel, applied by one statement) or {@link SendPipeline} (batch by batch, with
 *       retries and splitting, intents first for operations that are not idempotent);
 *   <li>commit: the state, once, with exactly what was acknowledged (also when the run fails
 *       half-way or is interrupted), then the run and its per-record errors in the history.
 * </ol>
 *
 * <p>Callers hold the sync's lock ({@link StateStore#lock}) from {@link #plan} to the end of
 * {@link #run}: two runs at once would send the same records.
 */
public final class SyncJob {

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final StateStore store;
  private final SyncHistory history;
  private final Clock clock;
  private final RandomGenerator random;

  public SyncJob(SparkSession spark, Warehouse warehouse, StateStore store, SyncHistory history, Clock clock,
      RandomGenerator random) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.store = store;
    this.history = history;
    this.clock = clock;
    this.random = random;
  }

  /**
   * What a run would send now. First applies what a stopped run left behind: the intents it wrote
   * are checked with the destination and the state is updated, so nothing it delivered is sent
   * again.
   *
   * @throws UnsupportedModeException when the destination cannot carry out the sync's mode
   */
  public SyncPlan plan(SyncDefinition definition, Destination destination, boolean fullResync) {
    ModeOperations operations = definition.mode().operationsOn(destination.operations());
    long stagesFrom = StagedSend.staging(definition, operations, destination).isPresent() ? StagedSend.AT_LEAST
        : Long.MAX_VALUE;
    return new SyncPlanner(spark, warehouse).plan(definition, operations,
        new IntentReconciler(store).reconcile(definition, destination), fullResync, stagesFrom);
  }

  /**
   * The plan for a dry run: asks the destination nothing and changes nothing (and checks every
   * key, which a real first run that stages its rows does as it stages them). If a stopped run
   * left intents, records it delivered may show as still to send; the real run reconciles first.
   */
  public SyncPlan preview(SyncDefinition definition, Destination destination, boolean fullResync) {
    ModeOperations operations = definition.mode().operationsOn(destination.operations());
    return new SyncPlanner(spark, warehouse).plan(definition, operations, store.load(definition.name()), fullResync,
        Long.MAX_VALUE);
  }

  /** Up to {@code perOperation} of the records the plan would send with each operation, for a dry run. */
  public Map<Operation, List<SyncRecord>> samples(SyncPlan plan, int perOperation) {
    Map<Operation, List<SyncRecord>> samples = new LinkedHashMap<>();
    plan.counts().keySet().forEach(operation -> samples.put(operation, new ArrayList<>()));
    Operation removal = plan.operations().removal();
    if (removal != null && plan.counts().containsKey(removal)) {
      samples.put(removal, new ArrayList<>(plan.removals().subList(0, Math.min(perOperation, plan.removals().size()))));
    }
    if (plan.rowsToSend().none()) {
      return samples;
    }
    Iterator<SyncRecord> records = records(plan);
    while (records.hasNext() && samples.entrySet().stream()
        .anyMatch(e -> e.getKey() != removal && e.getValue().size() < perOperation)) {
      SyncRecord record = records.next();
      Operation operation = plan.operationFor(record);
      if (operation != null && samples.get(operation).size() < perOperation) {
        samples.get(operation).add(record);
      }
    }
    return samples;
  }

  /**
   * Sends the plan and commits what was acknowledged. A run that fails or is interrupted (a
   * scheduler's kill) still commits what the destination acknowledged before, and leaves a
   * {@code failed} row in the history saying why it stopped.
   */
  public SyncReport run(SyncPlan plan, Destination destination) throws InterruptedException {
    long started = clock.nanos();
    SyncDefinition definition = plan.definition();
    List<String> decisions = Collections.synchronizedList(new ArrayList<>());
    if (plan.incremental()) {
      decisions.add("read only the " + plan.extracted() + " rows the change feed showed changed since the last run"
          + " (model version " + plan.state().modelVersion() + " to " + plan.modelVersion() + ")");
    }
    Delivery delivery = new Delivery(plan);
    boolean wroteIntents = false;
    boolean complete = false;
    boolean interrupted = false;
    try {
      wroteIntents = send(plan, destination, delivery, decisions);
      complete = true;
    } catch (RuntimeException | InterruptedException e) {
      // Spark and Hadoop refuse to work on an interrupted thread: the history and state below
      // are written with the flag cleared, and it is set again before a failure other than the
      // InterruptedException itself goes up
      interrupted = Thread.interrupted() && !(e instanceof InterruptedException);
      decisions.add("stopped: " + (e instanceof InterruptedException
          ? "interrupted (the run was cancelled or killed); what was acknowledged before is kept" : e.getMessage()));
      try {
        record(plan, delivery, decisions, "failed", started);
      } catch (RuntimeException historyFailure) {
        e.addSuppressed(historyFailure);
      }
      throw e;
    } finally {
      // What was acknowledged stays acknowledged, also when the run fails half-way; intents of a
      // failed run stay for the next run to reconcile. Only a complete run moves the model
      // version on: rows it never got to must be read again.
      try {
        store.commit(definition.name(), plan.state(), delivery.changes(complete));
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (wroteIntents) {
      store.clearIntents(definition.name());
    }
    return record(plan, delivery, decisions, delivery.failed + delivery.rejected == 0 ? "succeeded" : "partial",
        started);
  }

  /** Stages the rows when that pays, sends the rest (or all, when staging failed) batch by batch. */
  private boolean send(SyncPlan plan, Destination destination, Delivery delivery, List<String> decisions)
      throws InterruptedException {
    if (plan.toSend() == 0) {
      return false;
    }
    boolean rowsSent = plan.rowsToSend().none();
    Optional<Staging> staging = StagedSend.staging(plan.definition(), plan.operations(), destination);
    long rows = plan.toSend() - plan.removals().size();
    if (!rowsSent && staging.isPresent() && plan.readAhead() == null && rows >= StagedSend.AT_LEAST) {
      rowsSent = new StagedSend(spark, warehouse).send(plan, staging.get(), delivery, decisions::add);
    }
    if (!rowsSent && !plan.keysChecked()) {
      // a first run that meant to check its keys while staging them: check them before any batch goes
      new SyncPlanner(spark, warehouse).checkKeys(plan);
    }
    BatchSender sender = new BatchSender(destination, plan.definition().delivery(), clock, random, decisions::add);
    return new SendPipeline(store).send(plan, destination, sender, delivery, rowsSent ? null : records(plan));
  }

  private SyncReport record(SyncPlan plan, Delivery delivery, List<String> decisions, String status, long started) {
    SyncDefinition definition = plan.definition();
    List<RecordError> errors = new ArrayList<>(delivery.errors);
    plan.permanentlyFailed().forEach((key, reason) -> errors.add(new RecordError(key, "skipped",
        "permanently failed after " + definition.maxFailedRuns() + " runs: " + reason, Map.of(), true)));
    long millis = (clock.nanos() - started) / 1_000_000;
    SyncReport report = new SyncReport(plan.runId(), definition.name(), status, plan.extracted(), plan.added(),
        plan.changed(), plan.removed(), plan.unchanged(), delivery.sent, delivery.ok, delivery.skippedMissing,
        delivery.failed, delivery.rejected, plan.permanentlyFailed().size(), delivery.requests, millis,
        List.copyOf(decisions), errors);
    history.record(report, definition.mode().name().toLowerCase(Locale.ROOT));
    return report;
  }

  /** The records the plan sends, as it read them or, streamed, from the model at the version it read. */
  private Iterator<SyncRecord> records(SyncPlan plan) {
    if (plan.readAhead() != null) {
      return plan.readAhead().iterator();
    }
    // the model's size as far as the plan knows; an incremental plan read only part of it
    long modelRows = plan.incremental() ? Long.MAX_VALUE : plan.extracted();
    return new ModelRows(spark, warehouse, plan.definition(), plan.modelVersion())
        .records(plan.rowsToSend(), modelRows);
  }
}
