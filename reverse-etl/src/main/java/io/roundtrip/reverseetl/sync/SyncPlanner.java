package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.state.SyncState;
import io.roundtrip.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Decides what a run sends, reading only the model and the state:
 *
 * <ol>
 *   <li><b>fingerprint</b>: every model row's key and a fingerprint of its mapped fields, computed
 *       by Spark; a null or repeated primary key fails the run here, with examples, before
 *       anything is sent. A first run, against an empty state, skips this: every row is added,
 *       and only the keys are checked (or, when the run stages its rows, counted: the staged send
 *       checks the keys before anything is applied);
 *   <li><b>diff</b>: against the state, each key is added, changed, removed, skipped before or
 *       unchanged, and the mode picks the operation for each.
 * </ol>
 *
 * <p>A table with a change feed is read incrementally: only the keys it shows changed since the
 * last run, and those that failed then.
 */
final class SyncPlanner {

  /**
   * Past this share of the records the destination has, a change feed is not worth following:
   * reading the whole model costs less than picking out that many keys.
   */
  private static final double INCREMENTAL_UP_TO = 0.3;
  /** ... but this many keys are always worth it. */
  private static final int INCREMENTAL_AT_LEAST = 10_000;

  private final SparkSession spark;
  private final Warehouse warehouse;

  SyncPlanner(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /**
   * @param stagesFrom the number of rows from which the run stages every row before applying
   *     (so a first run need not check its keys beforehand); {@link Long#MAX_VALUE} when it never does
   */
  SyncPlan plan(SyncDefinition definition, ModeOperations operations, SyncState state, boolean fullResync,
      long stagesFrom) {
    Long version = ModelRows.currentVersion(warehouse, definition);
    ModelRows model = new ModelRows(spark, warehouse, definition, version);
    Incremental incremental = fullResync ? null : incremental(model, operations, state, version);
    if (incremental == null && state.isEmpty()) {
      Optional<SyncPlan> first = everyRowAdded(definition, operations, state, fullResync, version, model, stagesFrom);
      if (first.isPresent()) {
        return first.get();
      }
    }
    return diff(definition, operations, state, fullResync, version, model, incremental);
  }

  /**
   * What an incremental read looks at.
   *
   * @param scope the keys to look at: changed, failed before, or skipped before under a mode that sends them
   * @param rows their current rows, when few enough to hold (else they are streamed)
   */
  private record Incremental(Set<String> scope, List<Row> rows) {}

  /**
   * Checks the keys of a plan made without checking them ({@link SyncPlan#keysChecked}), for a run
   * that did not stage its rows after all.
   *
   * @throws SyncValidationException naming null and repeated keys
   */
  void checkKeys(SyncPlan plan) {
    ModelRows model = new ModelRows(spark, warehouse, plan.definition(), plan.modelVersion());
    if (!model.checkKeys().valid()) {
      // the full diff compares the keys themselves (two keys may share a hash) and names the bad ones
      diff(plan.definition(), plan.operations(), plan.state(), plan.fullResync(), plan.modelVersion(), model, null);
    }
  }

  private SyncPlan diff(SyncDefinition definition, ModeOperations operations, SyncState state, boolean fullResync,
      Long version, ModelRows model, Incremental incremental) {
    Map<String, Long> fingerprints = new HashMap<>();
    Set<String> repeated = new TreeSet<>();
    long nullCount = 0;
    Set<String> scope = incremental == null ? null : incremental.scope();
    List<Row> readAhead = incremental == null ? null : incremental.rows();
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
      Operation operation = operations.forChange(change);
      switch (change) {
        case ADDED -> added++;
        case CHANGED -> changed++;
        case UNCHANGED -> unchanged++;
        case SKIPPED -> {
          if (operation == null) {
            unchanged++; // skipped before and not changed since: nothing to send
          } else {
            added++;
          }
        }
        case PERMANENTLY_FAILED -> permanentlyFailed.put(row.getKey(), state.failures().get(row.getKey()).reason());
      }
      if (operation != null) {
        counts.merge(operation, 1L, Long::sum);
        sendKeys.add(row.getKey());
      }
    }
    if (scope != null) {
      // what the destination has (or skipped) and the feed did not touch is unchanged
      long known = state.acknowledged().size() + state.skipped().size();
      unchanged += known - scope.stream().filter(k -> state.acknowledged().containsKey(k)
          || state.skipped().containsKey(k)).count();
    }
    List<SyncRecord> removals = new ArrayList<>();
    if (operations.removal() != null) {
      for (String key : scope == null ? state.acknowledged().keySet() : scope) {
        SyncState.Entry entry = state.acknowledged().get(key);
        if (entry != null && entry.created() && !fingerprints.containsKey(key)) {
          removals.add(new SyncRecord(key, model.mapper().keyFields(key), entry.hash(), null));
        }
      }
      removals.sort(Comparator.comparing(SyncRecord::key));
      if (!removals.isEmpty()) {
        counts.put(operations.removal(), (long) removals.size());
      }
    }
    List<SyncRecord> toSend = readAhead == null ? null : readAhead.stream()
        .filter(row -> sendKeys.contains(model.fingerprinted(row).key())).map(model::record).toList();
    return new SyncPlan(UUID.randomUUID().toString(), definition, operations, model.mapper(), state, fullResync,
        version, scope != null, fingerprints.size(), added, changed, removals.size(), unchanged, counts,
        new RowsToSend.Keys(sendKeys), removals, toSend, permanentlyFailed, true);
  }

  /**
   * The plan when the destination has nothing from this sync yet (its first run, the common case
   * for a big audience): every row is added, so no fingerprint needs to come to the driver, only
   * a hash of each key to check that none is null or repeated. A run that stages its rows does
   * not need even that: the rows are counted (from the table's metadata) and their keys checked as
   * they are staged. Empty when the check fails: the full diff then names the offending keys.
   */
  private Optional<SyncPlan> everyRowAdded(SyncDefinition definition, ModeOperations operations, SyncState state,
      boolean fullResync, Long version, ModelRows model, long stagesFrom) {
    long rows;
    boolean checked;
    long counted = stagesFrom == Long.MAX_VALUE ? -1 : model.count();
    if (counted >= stagesFrom) {
      rows = counted;
      checked = false;
    } else {
      ModelRows.KeyCheck keys = model.checkKeys();
      if (!keys.valid()) {
        return Optional.empty();
      }
      rows = keys.rows();
      checked = true;
    }
    Map<Operation, Long> counts = new EnumMap<>(Operation.class);
    Operation operation = operations.added();
    if (rows > 0) {
      counts.put(operation, rows);
    }
    RowsToSend toSend = counts.isEmpty() ? new RowsToSend.Keys(Set.of()) : new RowsToSend.Every();
    return Optional.of(new SyncPlan(UUID.randomUUID().toString(), definition, operations, model.mapper(), state,
        fullResync, version, false, rows, rows, 0, 0, 0, counts, toSend, List.of(), null, Map.of(), checked));
  }

  /**
   * What to look at when the model is a table whose change feed covers the versions since the
   * last run: the keys it shows changed, those that failed last time (and, under a mode that
   * sends them, those an update skipped). When nothing but the feed is needed, the changed rows
   * come from the feed itself; otherwise the keys do, and their rows from the table. Null when the
   * whole model must be read (no feed, a query, no earlier run, or so many changes that reading
   * all is cheaper).
   */
  private static Incremental incremental(ModelRows model, ModeOperations operations, SyncState state, Long version) {
    if (version == null || state.modelVersion() == null) {
      return null;
    }
    long after = Long.parseLong(state.modelVersion());
    if (after == version && state.failures().isEmpty() && (!operations.sendsSkipped() || state.skipped().isEmpty())) {
      return new Incremental(Set.of(), List.of());
    }
    Set<String> again = new HashSet<>(state.failures().keySet());
    if (operations.sendsSkipped()) {
      again.addAll(state.skipped().keySet());
    }
    double worthIt = Math.max(INCREMENTAL_AT_LEAST, INCREMENTAL_UP_TO * state.acknowledged().size());
    if (again.isEmpty()) {
      Optional<ModelRows.ChangedRows> changed = model.changedRows(after, version, ModelRows.READ_AHEAD_UP_TO);
      if (changed.isPresent()) {
        if (changed.get().rowsWithoutKey() || !changed.get().repeated().isEmpty()) {
          return null; // the full read reports the null and repeated keys with examples
        }
        boolean addedToKnownKey = changed.get().insertedWithoutDelete().stream()
            .anyMatch(key -> state.acknowledged().containsKey(key) || state.failures().containsKey(key)
                || state.skipped().containsKey(key));
        if (!addedToKnownKey) {
          Set<String> scope = new HashSet<>(changed.get().deleted());
          changed.get().rows().forEach(row -> scope.add(model.fingerprinted(row).key()));
          return scope.size() > worthIt ? null : new Incremental(scope, changed.get().rows());
        }
        // a row inserted with a key the table had: reading those keys from the table shows the repeat
      }
    }
    Optional<ModelRows.Changes> changes = after == version
        ? Optional.of(new ModelRows.Changes(new HashSet<>(), false)) : model.changes(after, version);
    if (changes.isEmpty() || changes.get().rowsWithoutKey()) {
      return null; // no feed; or the full read reports the null keys with examples
    }
    Set<String> scope = changes.get().keys();
    scope.addAll(again);
    if (scope.size() > worthIt) {
      return null;
    }
    return new Incremental(scope, scope.size() > ModelRows.READ_AHEAD_UP_TO ? null
        : scope.isEmpty() ? List.of() : model.rows(scope));
  }

  /** The error for a model whose keys are null or repeat, with examples of both. */
  static SyncValidationException invalidKeys(SyncDefinition definition, ModelRows model, long nullCount,
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
