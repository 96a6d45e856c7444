package io.roundtrip.reverseetl.sync;

import io.roundtrip.loaders.warehouse.TableId;
import io.roundtrip.loaders.warehouse.Warehouse;
import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.delivery.Clock;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.history.SyncHistory;
import io.roundtrip.reverseetl.mapping.ModelValues;
import io.roundtrip.reverseetl.state.StateStore;
import io.roundtrip.reverseetl.state.SyncState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.spark.sql.Dataset;
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
 *   <li><b>extract</b>: the model's rows, mapped to destination records; a null or duplicated
 *       primary key fails the run here, with examples, before anything is sent;
 *   <li><b>diff</b>: against the state, each key is added, changed, removed or unchanged;
 *   <li><b>plan</b>: the mode picks what to send with which operation.
 * </ol>
 *
 * <p>{@link #run} then sends ({@link BatchSender}: batches, rate limit, retries, splitting),
 * having first written intents for operations that are not idempotent; commits the state once,
 * with exactly the acknowledged records; and appends the run and its per-record errors to the
 * history.
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
   */
  public SyncPlan plan(SyncDefinition definition, Destination destination, boolean fullResync) {
    checkOperations(definition, destination);
    SyncState state = reconcile(definition, destination);
    return diff(UUID.randomUUID().toString(), definition, state, extract(definition), fullResync);
  }

  /**
   * The plan for a dry run: asks the destination nothing and changes nothing. If a stopped run
   * left intents, records it delivered may show as still to send; the real run reconciles first.
   */
  public SyncPlan preview(SyncDefinition definition, Destination destination, boolean fullResync) {
    checkOperations(definition, destination);
    return diff(UUID.randomUUID().toString(), definition, store.load(definition.name()), extract(definition),
        fullResync);
  }

  private static void checkOperations(SyncDefinition definition, Destination destination) {
    Set<Operation> missing = new java.util.TreeSet<>(definition.mode().operations());
    missing.removeAll(destination.operations());
    if (!missing.isEmpty()) {
      throw new SyncValidationException("sync " + definition.name() + ": mode " + definition.mode().name()
          .toLowerCase(java.util.Locale.ROOT) + " needs " + missing + ", which this destination does not support"
          + " (it supports " + new java.util.TreeSet<>(destination.operations()) + ")");
    }
  }

  public SyncReport run(SyncPlan plan, Destination destination) throws InterruptedException {
    long started = clock.nanos();
    SyncDefinition definition = plan.definition();
    List<StateStore.Intent> intents = new ArrayList<>();
    plan.sends().forEach((operation, records) -> {
      if (!destination.idempotent(operation)) {
        records.forEach(record -> intents.add(new StateStore.Intent(plan.runId(), operation, record)));
      }
    });
    if (!intents.isEmpty()) {
      store.writeIntents(definition.name(), intents);
    }
    List<String> decisions = new ArrayList<>();
    BatchSender sender = new BatchSender(destination, definition.delivery(), clock, random, decisions::add);
    Map<String, SyncState.Entry> acknowledged = new HashMap<>(plan.state().acknowledged());
    Map<String, SyncState.Failure> failures = new HashMap<>(plan.state().failures());
    List<SyncHistory.RecordError> errors = new ArrayList<>();
    long sent = 0;
    long ok = 0;
    long failed = 0;
    long rejected = 0;
    int requests = 0;
    for (Map.Entry<Operation, List<SyncRecord>> send : plan.sends().entrySet()) {
      Operation operation = send.getKey();
      List<SyncRecord> records = send.getValue();
      sent += records.size();
      BatchSender.Outcome outcome = sender.send(operation, records);
      requests += outcome.requests();
      for (SyncRecord record : records) {
        String key = record.key();
        if (outcome.acknowledged().contains(key)) {
          ok++;
          failures.remove(key);
          if (operation == Operation.DELETE || operation == Operation.REMOVE) {
            if (operation == Operation.DELETE) {
              acknowledged.remove(key);
            } else {
              acknowledged.put(key, new SyncState.Entry(record.hash(), false));
            }
          } else {
            SyncState.Entry before = acknowledged.get(key);
            boolean created = before == null ? operation != Operation.UPDATE : before.created();
            acknowledged.put(key, new SyncState.Entry(record.hash(), created));
          }
        } else {
          boolean permanent = outcome.rejected().containsKey(key);
          String reason = permanent ? outcome.rejected().get(key) : outcome.failed().get(key);
          if (permanent) {
            rejected++;
          } else {
            failed++;
          }
          SyncState.Failure before = failures.get(key);
          int runs = before != null && before.hash() == record.hash() ? before.runs() + 1 : 1;
          failures.put(key, new SyncState.Failure(record.hash(), runs, reason));
          errors.add(new SyncHistory.RecordError(key, operation.name().toLowerCase(), reason, record.fields(),
              runs >= definition.maxFailedRuns()));
        }
      }
    }
    plan.permanentlyFailed().forEach((key, reason) -> errors.add(new SyncHistory.RecordError(key, "skipped",
        "permanently failed after " + definition.maxFailedRuns() + " runs: " + reason, Map.of(), true)));
    SyncState next = new SyncState(plan.state().version() + 1, plan.modelVersion(), acknowledged, failures);
    store.commit(definition.name(), next);
    if (!intents.isEmpty()) {
      store.clearIntents(definition.name());
    }
    long millis = (clock.nanos() - started) / 1_000_000;
    SyncReport report = new SyncReport(plan.runId(), definition.name(), failed + rejected == 0 ? "succeeded" : "partial",
        plan.extracted(), plan.added(), plan.changed(), plan.removed(), plan.unchanged(), sent, ok, failed, rejected,
        plan.permanentlyFailed().size(), requests, millis, decisions, errors);
    history.record(report, definition.mode().name().toLowerCase());
    return report;
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

  /** The model's rows as records, by key; fails on a null or repeated key before anything is sent. */
  private Map<String, SyncRecord> extract(SyncDefinition definition) {
    Dataset<Row> model;
    if (definition.modelIsQuery()) {
      warehouse.registerTables();
      model = spark.sql(definition.model());
    } else {
      String[] parts = definition.model().trim().split("\\.", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("sync " + definition.name() + ": model \"" + definition.model()
            + "\" must be namespace.table or a SQL query");
      }
      model = warehouse.read(new TableId(parts[0], parts[1]));
    }
    List<String> columns = definition.mapper().columns();
    List<String> missing = columns.stream().filter(c -> !List.of(model.columns()).contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("sync " + definition.name() + ": the model has no column " + missing
          + "; it has " + List.of(model.columns()));
    }
    Dataset<Row> selected = model.selectExpr(columns.stream().map(c -> "`" + c + "`").toArray(String[]::new));
    Map<String, SyncRecord> records = new HashMap<>();
    List<String> nullKeys = new ArrayList<>();
    Set<String> repeated = new HashSet<>();
    long nullCount = 0;
    Iterator<Row> rows = selected.toLocalIterator();
    Map<String, Object> values = new HashMap<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      values.clear();
      for (int i = 0; i < columns.size(); i++) {
        values.put(columns.get(i), ModelValues.plain(row.get(i)));
      }
      String key = definition.mapper().key(values);
      if (key == null) {
        nullCount++;
        if (nullKeys.size() < 5) {
          nullKeys.add(values.toString());
        }
        continue;
      }
      if (records.put(key, definition.mapper().record(values)) != null) {
        repeated.add(key);
      }
    }
    if (nullCount > 0 || !repeated.isEmpty()) {
      StringBuilder message = new StringBuilder("sync " + definition.name() + ": the model's primary key "
          + definition.mapper().keyColumns() + " must be unique and not null; nothing was sent.");
      if (nullCount > 0) {
        message.append(" ").append(nullCount).append(" rows have a null key, e.g. ").append(nullKeys).append('.');
      }
      if (!repeated.isEmpty()) {
        message.append(" ").append(repeated.size()).append(" keys repeat, e.g. ")
            .append(repeated.stream().sorted().limit(5).toList()).append('.');
      }
      throw new SyncValidationException(message.toString());
    }
    return records;
  }

  private SyncPlan diff(String runId, SyncDefinition definition, SyncState state, Map<String, SyncRecord> records,
      boolean fullResync) {
    List<SyncRecord> added = new ArrayList<>();
    List<SyncRecord> changed = new ArrayList<>();
    List<SyncRecord> removed = new ArrayList<>();
    Map<String, String> permanentlyFailed = new LinkedHashMap<>();
    long unchanged = 0;
    for (SyncRecord record : records.values()) {
      SyncState.Failure failure = state.failures().get(record.key());
      if (failure != null && failure.runs() >= definition.maxFailedRuns() && failure.hash() == record.hash()) {
        permanentlyFailed.put(record.key(), failure.reason());
        continue;
      }
      SyncState.Entry entry = state.acknowledged().get(record.key());
      if (entry == null) {
        added.add(record);
      } else if (entry.hash() != record.hash() || fullResync) {
        changed.add(record);
      } else {
        unchanged++;
      }
    }
    for (Map.Entry<String, SyncState.Entry> entry : state.acknowledged().entrySet()) {
      if (!records.containsKey(entry.getKey()) && entry.getValue().created()) {
        removed.add(new SyncRecord(entry.getKey(), Map.of(), entry.getValue().hash(), null));
      }
    }
    added.sort(java.util.Comparator.comparing(SyncRecord::key));
    changed.sort(java.util.Comparator.comparing(SyncRecord::key));
    removed.sort(java.util.Comparator.comparing(SyncRecord::key));

    Map<Operation, List<SyncRecord>> sends = new LinkedHashMap<>();
    switch (definition.mode()) {
      case INSERT -> put(sends, Operation.INSERT, added, definition);
      case UPDATE -> put(sends, Operation.UPDATE, changed, definition);
      case UPSERT -> put(sends, Operation.UPSERT, concat(added, changed), definition);
      case MIRROR -> {
        put(sends, Operation.UPSERT, concat(added, changed), definition);
        put(sends, Operation.DELETE, removed, definition);
      }
      case ADD -> put(sends, Operation.ADD, concat(added, changed), definition);
      case REMOVE -> put(sends, Operation.REMOVE, added, definition);
    }
    return new SyncPlan(runId, definition, state, null, records.size(), added.size(), changed.size(),
        definition.mode() == SyncMode.MIRROR ? removed.size() : 0, unchanged, sends, permanentlyFailed);
  }

  private static void put(Map<Operation, List<SyncRecord>> sends, Operation operation, List<SyncRecord> records,
      SyncDefinition definition) {
    if (records.isEmpty()) {
      return;
    }
    List<SyncRecord> keyed = new ArrayList<>(records.size());
    for (SyncRecord record : records) {
      keyed.add(definition.mapper().forOperation(record, operation));
    }
    sends.put(operation, keyed);
  }

  private static List<SyncRecord> concat(List<SyncRecord> a, List<SyncRecord> b) {
    List<SyncRecord> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }
}
