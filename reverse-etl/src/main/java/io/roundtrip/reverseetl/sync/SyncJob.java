package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.delivery.Clock;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.history.SyncHistory;
import io.roundtrip.reverseetl.state.StateStore;
import io.roundtrip.reverseetl.state.SyncState;
import io.roundtrip.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a sync: model rows out to a destination, sending only what changed.
 *
 * <p>{@link #plan} (sends nothing):
 *
 * <ol>
 *   <li><b>reconcile</b>: intents left by a run that stopped before committing are checked with
 *       the destination, and what it applied is added to the state;
 *   <li><b>fingerprint</b>: every model row's key and a fingerprint of its mapped fields,
 *       computed by Spark; a null or repeated primary key fails the run here, with examples,
 *       before anything is sent. A first run, against an empty state, skips this: every row is
 *       added, and only the keys are checked;
 *   <li><b>diff</b>: against the state, each key is added, changed, removed or unchanged, and the
 *       mode picks the operation for each.
 * </ol>
 *
 * <p>{@link #run} then streams the records to send from the model (or takes them from the plan,
 * which keeps the rows of a small incremental read) while a second thread sends
 * them ({@link BatchSender}: batches, rate limit, retries, splitting), writing intents first for
 * operations that are not idempotent; commits the state once, with exactly the acknowledged
 * records (also when the run fails half-way); and appends the run and its per-record errors to
 * the history.
 *
 * <p>Callers hold the sync's lock ({@link StateStore#lock}) from {@link #plan} to the end of
 * {@link #run}: two runs at once would send the same records.
 */
public final class SyncJob {

  /** Records handed from the reading thread to the sending thread at a time. */
  private static final int MIN_CHUNK = 1_000;
  /**
   * Past this share of the records the destination has, a change feed is not worth following:
   * reading the whole model costs less than picking out that many keys.
   */
  private static final double INCREMENTAL_UP_TO = 0.3;
  /** ... but this many keys are always worth it. */
  private static final int INCREMENTAL_AT_LEAST = 10_000;
  /** Chunks read ahead of the sender: enough to keep it busy, bounded so memory is too. */
  private static final int CHUNKS_AHEAD = 4;

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
   */
  public SyncPlan plan(SyncDefinition definition, Destination destination, boolean fullResync) {
    checkOperations(definition, destination);
    SyncState state = reconcile(definition, destination);
    return diff(definition, state, fullResync);
  }

  /**
   * The plan for a dry run: asks the destination nothing and changes nothing. If a stopped run
   * left intents, records it delivered may show as still to send; the real run reconciles first.
   */
  public SyncPlan preview(SyncDefinition definition, Destination destination, boolean fullResync) {
    checkOperations(definition, destination);
    return diff(definition, store.load(definition.name()), fullResync);
  }

  /** Up to {@code perOperation} of the records the plan would send with each operation, for a dry run. */
  public Map<Operation, List<SyncRecord>> samples(SyncPlan plan, int perOperation) {
    Map<Operation, List<SyncRecord>> samples = new LinkedHashMap<>();
    plan.counts().keySet().forEach(operation -> samples.put(operation, new ArrayList<>()));
    if (plan.counts().containsKey(Operation.DELETE)) {
      samples.put(Operation.DELETE, new ArrayList<>(plan.deletes().subList(0, Math.min(perOperation,
          plan.deletes().size()))));
    }
    if (plan.rowsToSend().none()) {
      return samples;
    }
    Iterator<SyncRecord> records = records(plan);
    while (records.hasNext() && samples.entrySet().stream()
        .anyMatch(e -> e.getKey() != Operation.DELETE && e.getValue().size() < perOperation)) {
      SyncRecord record = records.next();
      Operation operation = plan.operationFor(record);
      if (operation != null && samples.get(operation).size() < perOperation) {
        samples.get(operation).add(record);
      }
    }
    return samples;
  }

  private static void checkOperations(SyncDefinition definition, Destination destination) {
    Set<Operation> missing = new TreeSet<>(definition.mode().operations());
    missing.removeAll(destination.operations());
    if (!missing.isEmpty()) {
      throw new SyncValidationException("sync " + definition.name() + ": mode " + definition.mode().name()
          .toLowerCase(Locale.ROOT) + " needs " + missing + ", which this destination does not support"
          + " (it supports " + new TreeSet<>(destination.operations()) + ")");
    }
  }

  public SyncReport run(SyncPlan plan, Destination destination) throws InterruptedException {
    long started = clock.nanos();
    SyncDefinition definition = plan.definition();
    List<String> decisions = Collections.synchronizedList(new ArrayList<>());
    if (plan.incremental()) {
      decisions.add("read only the " + plan.extracted() + " rows the change feed showed changed since the last run"
          + " (model version " + plan.state().modelVersion() + " to " + plan.modelVersion() + ")");
    }
    BatchSender sender = new BatchSender(destination, definition.delivery(), clock, random, decisions::add);
    Delivery delivery = new Delivery(plan);
    boolean wroteIntents = false;
    boolean complete = false;
    try {
      wroteIntents = send(plan, destination, sender, delivery);
      complete = true;
    } catch (RuntimeException e) {
      // the run's row in the history says why it stopped; the next run picks up what it left
      decisions.add("stopped: " + e.getMessage());
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
      store.commit(definition.name(), delivery.nextState(complete));
    }
    if (wroteIntents) {
      store.clearIntents(definition.name());
    }
    return record(plan, delivery, decisions, delivery.failed + delivery.rejected == 0 ? "succeeded" : "partial",
        started);
  }

  private SyncReport record(SyncPlan plan, Delivery delivery, List<String> decisions, String status, long started) {
    SyncDefinition definition = plan.definition();
    List<SyncHistory.RecordError> errors = new ArrayList<>(delivery.errors);
    plan.permanentlyFailed().forEach((key, reason) -> errors.add(new SyncHistory.RecordError(key, "skipped",
        "permanently failed after " + definition.maxFailedRuns() + " runs: " + reason, Map.of(), true)));
    long millis = (clock.nanos() - started) / 1_000_000;
    SyncReport report = new SyncReport(plan.runId(), definition.name(), status, plan.extracted(), plan.added(),
        plan.changed(), plan.removed(), plan.unchanged(), delivery.sent, delivery.ok, delivery.failed,
        delivery.rejected, plan.permanentlyFailed().size(), delivery.requests, millis, List.copyOf(decisions), errors);
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

  private record Chunk(Operation operation, List<SyncRecord> records) {}

  private static final Chunk END = new Chunk(null, List.of());

  /**
   * Reads the records to send in this thread and sends them in another, chunk by chunk, so
   * reading the model and waiting on the destination overlap. Returns whether intents were
   * written.
   */
  private boolean send(SyncPlan plan, Destination destination, BatchSender sender, Delivery delivery)
      throws InterruptedException {
    if (plan.toSend() == 0) {
      return false;
    }
    SyncDefinition definition = plan.definition();
    int chunkSize = Math.max(MIN_CHUNK, definition.delivery().batchSize());
    BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    boolean[] wroteIntents = {false};
    ExecutorService sending = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "roundtrip-sync-" + definition.name());
      thread.setDaemon(true);
      return thread;
    });
    Future<?> sent = sending.submit(() -> {
      int chunkNumber = 0;
      for (Chunk chunk; (chunk = queue.take()) != END; ) {
        if (!destination.idempotent(chunk.operation())) {
          List<StateStore.Intent> intents = new ArrayList<>(chunk.records().size());
          for (SyncRecord record : chunk.records()) {
            intents.add(new StateStore.Intent(plan.runId(), chunk.operation(), record));
          }
          store.writeIntents(definition.name(), plan.runId() + "-" + chunkNumber++, intents);
          wroteIntents[0] = true;
        }
        try {
          delivery.record(chunk.operation(), chunk.records(), sender.send(chunk.operation(), chunk.records()));
        } catch (BatchSender.Stopped stopped) {
          delivery.record(chunk.operation(), chunk.records(), stopped.soFar());
          throw stopped.getCause();
        }
      }
      return null;
    });
    try {
      Map<Operation, List<SyncRecord>> buffers = new EnumMap<>(Operation.class);
      if (!plan.rowsToSend().none()) {
        Iterator<SyncRecord> records = records(plan);
        while (records.hasNext()) {
          SyncRecord record = records.next();
          Operation operation = plan.operationFor(record);
          if (operation == null) {
            continue; // changed back since the plan was made
          }
          List<SyncRecord> buffer = buffers.computeIfAbsent(operation, o -> new ArrayList<>(chunkSize));
          buffer.add(withIdempotencyKey(definition, destination, record, operation));
          if (buffer.size() >= chunkSize) {
            handOver(queue, new Chunk(operation, buffers.remove(operation)), sent);
          }
        }
      }
      for (Map.Entry<Operation, List<SyncRecord>> rest : buffers.entrySet()) {
        handOver(queue, new Chunk(rest.getKey(), rest.getValue()), sent);
      }
      for (int from = 0; from < plan.deletes().size(); from += chunkSize) {
        List<SyncRecord> deletes = new ArrayList<>();
        for (SyncRecord record : plan.deletes().subList(from, Math.min(plan.deletes().size(), from + chunkSize))) {
          deletes.add(withIdempotencyKey(definition, destination, record, Operation.DELETE));
        }
        handOver(queue, new Chunk(Operation.DELETE, deletes), sent);
      }
      handOver(queue, END, sent);
      sent.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("sending failed", e.getCause());
    } catch (RuntimeException | InterruptedException e) {
      sent.cancel(true);
      throw e;
    } finally {
      sending.shutdownNow();
      sending.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    }
    return wroteIntents[0];
  }

  /** The record as sent: with its idempotency key, unless the destination has no use for one. */
  private static SyncRecord withIdempotencyKey(SyncDefinition definition, Destination destination, SyncRecord record,
      Operation operation) {
    return destination.usesIdempotencyKeys() || !destination.idempotent(operation)
        ? definition.mapper().forOperation(record, operation) : record;
  }

  /** Waits for room in the queue, unless the sender has stopped (then its failure surfaces in get). */
  private static void handOver(BlockingQueue<Chunk> queue, Chunk chunk, Future<?> sender)
      throws InterruptedException, ExecutionException {
    while (!queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      if (sender.isDone()) {
        sender.get();
        throw new IllegalStateException("the sending thread stopped early");
      }
    }
  }

  /** Applies what a stopped run left in its intents and the destination says it applied. */
  private SyncState reconcile(SyncDefinition definition, Destination destination) {
    SyncState state = store.load(definition.name());
    List<StateStore.Intent> pending = store.pendingIntents(definition.name());
    if (pending.isEmpty()) {
      return state;
    }
    Map<Operation, List<SyncRecord>> byOperation = new LinkedHashMap<>();
    for (StateStore.Intent intent : pending) {
      SyncState.Entry known = state.acknowledged().get(intent.record().key());
      if (known != null && known.hash() == intent.record().hash()) {
        continue; // acknowledged before the run stopped
      }
      byOperation.computeIfAbsent(intent.operation(), o -> new ArrayList<>()).add(intent.record());
    }
    Map<String, SyncState.Entry> acknowledged = new HashMap<>(state.acknowledged());
    byOperation.forEach((operation, records) -> {
      Set<String> applied = destination.applied(operation, records);
      for (SyncRecord record : records) {
        if (applied.contains(record.key())) {
          acknowledged.put(record.key(), new SyncState.Entry(record.hash(), operation == Operation.INSERT));
        }
      }
    });
    SyncState reconciled = new SyncState(state.version() + 1, state.modelVersion(), acknowledged, state.failures());
    store.commit(definition.name(), reconciled);
    store.clearIntents(definition.name());
    return reconciled;
  }

  /**
   * Fingerprints the model and compares it with the state; fails on null or repeated keys. A
   * table with a change feed is read incrementally: only the keys it shows changed since the last
   * run, and those that failed then.
   */
  private SyncPlan diff(SyncDefinition definition, SyncState state, boolean fullResync) {
    Long version = ModelRows.currentVersion(warehouse, definition);
    ModelRows model = new ModelRows(spark, warehouse, definition, version);
    Set<String> scope = fullResync ? null : incrementalScope(model, state, version);
    if (scope == null && state.acknowledged().isEmpty() && state.failures().isEmpty()) {
      Optional<SyncPlan> first = everyRowAdded(definition, state, fullResync, version, model);
      if (first.isPresent()) {
        return first.get();
      }
    }
    Map<String, Long> fingerprints = new HashMap<>();
    Set<String> repeated = new TreeSet<>();
    long nullCount = 0;
    List<Row> readAhead = scope == null || scope.size() > ModelRows.READ_AHEAD_UP_TO ? null
        : scope.isEmpty() ? List.of() : model.rows(scope);
    Iterator<ModelRows.Fingerprinted> rows = readAhead != null ? readAhead.stream().map(model::fingerprinted).iterator()
        : scope == null ? model.fingerprints() : model.fingerprints(scope);
    while (rows.hasNext()) {
      ModelRows.Fingerprinted row = rows.next();
      if (row.key() == null) {
        nullCount++;
      } else if (fingerprints.put(row.key(), row.fingerprint()) != null) {
        repeated.add(row.key());
      }
    }
    if (nullCount > 0 || !repeated.isEmpty()) {
      throw invalidKeys(definition, model, nullCount, repeated);
    }

    Map<Operation, Long> counts = new EnumMap<>(Operation.class);
    Set<String> sendKeys = new HashSet<>();
    Map<String, String> permanentlyFailed = new LinkedHashMap<>();
    long added = 0;
    long changed = 0;
    long unchanged = 0;
    for (Map.Entry<String, Long> row : fingerprints.entrySet()) {
      SyncPlan.Change change = SyncPlan.change(state, definition, fullResync, row.getKey(), row.getValue());
      switch (change) {
        case ADDED -> added++;
        case CHANGED -> changed++;
        case UNCHANGED -> unchanged++;
        case PERMANENTLY_FAILED -> permanentlyFailed.put(row.getKey(), state.failures().get(row.getKey()).reason());
      }
      Operation operation = SyncPlan.operation(definition.mode(), change);
      if (operation != null) {
        counts.merge(operation, 1L, Long::sum);
        sendKeys.add(row.getKey());
      }
    }
    if (scope != null) {
      // what the destination has and the feed did not touch is unchanged
      unchanged += state.acknowledged().size() - scope.stream().filter(state.acknowledged()::containsKey).count();
    }
    List<SyncRecord> deletes = new ArrayList<>();
    if (definition.mode() == SyncMode.MIRROR) {
      for (String key : scope == null ? state.acknowledged().keySet() : scope) {
        SyncState.Entry entry = state.acknowledged().get(key);
        if (entry != null && entry.created() && !fingerprints.containsKey(key)) {
          deletes.add(new SyncRecord(key, Map.of(), entry.hash(), null));
        }
      }
      deletes.sort(Comparator.comparing(SyncRecord::key));
      if (!deletes.isEmpty()) {
        counts.put(Operation.DELETE, (long) deletes.size());
      }
    }
    List<SyncRecord> toSend = readAhead == null ? null : readAhead.stream()
        .filter(row -> sendKeys.contains(model.fingerprinted(row).key())).map(model::record).toList();
    return new SyncPlan(UUID.randomUUID().toString(), definition, state, fullResync, version, scope != null,
        fingerprints.size(), added, changed, deletes.size(), unchanged, counts, new RowsToSend.Keys(sendKeys), deletes,
        toSend, permanentlyFailed);
  }

  /**
   * The plan when the destination has nothing from this sync yet (its first run, the common case
   * for a big audience): every row is added, so no fingerprint needs to come to the driver, only
   * a hash of each key to check that none is null or repeated. Empty when the check fails: the
   * full diff then names the offending keys.
   */
  private Optional<SyncPlan> everyRowAdded(SyncDefinition definition, SyncState state, boolean fullResync,
      Long version, ModelRows model) {
    ModelRows.KeyCheck keys = model.checkKeys();
    if (!keys.valid()) {
      return Optional.empty();
    }
    Map<Operation, Long> counts = new EnumMap<>(Operation.class);
    Operation operation = SyncPlan.operation(definition.mode(), SyncPlan.Change.ADDED);
    if (operation != null && keys.rows() > 0) {
      counts.put(operation, keys.rows());
    }
    RowsToSend rows = counts.isEmpty() ? new RowsToSend.Keys(Set.of()) : new RowsToSend.Every();
    return Optional.of(new SyncPlan(UUID.randomUUID().toString(), definition, state, fullResync, version, false,
        keys.rows(), keys.rows(), 0, 0, 0, counts, rows, List.of(), null, Map.of()));
  }

  /**
   * The keys to look at when the model is a table whose change feed covers the versions since the
   * last run: those it shows changed, and those that failed last time. Null when the whole model
   * must be read (no feed, a query, no earlier run, or so many changes that reading all is cheaper).
   */
  private static Set<String> incrementalScope(ModelRows model, SyncState state, Long version) {
    if (version == null || state.modelVersion() == null) {
      return null;
    }
    long after = Long.parseLong(state.modelVersion());
    Optional<ModelRows.Changes> changes = after == version
        ? Optional.of(new ModelRows.Changes(new HashSet<>(), false)) : model.changes(after, version);
    if (changes.isEmpty() || changes.get().rowsWithoutKey()) {
      return null; // the full read reports the null keys with examples
    }
    Set<String> scope = changes.get().keys();
    scope.addAll(state.failures().keySet());
    return scope.size() > Math.max(INCREMENTAL_AT_LEAST, INCREMENTAL_UP_TO * state.acknowledged().size()) ? null : scope;
  }

  private static SyncValidationException invalidKeys(SyncDefinition definition, ModelRows model, long nullCount,
      Set<String> repeated) {
    StringBuilder message = new StringBuilder("sync " + definition.name() + ": the model's primary key "
        + definition.mapper().keyColumns() + " must be unique and not null; nothing was sent.");
    if (nullCount > 0) {
      message.append(" ").append(nullCount).append(" rows have a null key, e.g. ").append(model.rowsWithoutKey(5))
          .append('.');
    }
    if (!repeated.isEmpty()) {
      message.append(" ").append(repeated.size()).append(" keys repeat, e.g. ")
          .append(repeated.stream().limit(5).toList()).append('.');
    }
    return new SyncValidationException(message.toString());
  }
}
