package io.roundtrip.reverseetl.testing;

import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An in-memory destination for engine tests: counts how often each key was delivered per
 * operation, answers scripted results, refuses chosen records, and can crash the run after a
 * number of batches (as a killed process would: after delivering, before anyone records it). It
 * holds the keys inserted, upserted or added (or {@link #having} from elsewhere), and answers an
 * update of any other key as skipped, as a destination that only updates what it has does.
 */
public final class CountingDestination implements Destination {

  private final boolean idempotent;
  private final int maxBatch;
  private final Deque<RecordResult> scripted = new ArrayDeque<>();
  private final Map<String, Integer> deliveries = new HashMap<>();
  private final Set<String> appliedIdempotencyKeys = new HashSet<>();
  private final List<List<String>> batches = new ArrayList<>();
  private final Map<String, Map<String, Object>> lastFields = new HashMap<>();
  private final Set<String> present = new HashSet<>();
  private Predicate<SyncRecord> refuse = r -> false;
  private Predicate<SyncRecord> defer = r -> false;
  private Set<Operation> operations = Set.of(Operation.values());
  private java.util.concurrent.CountDownLatch blockAfter;
  private int blockAfterBatches = -1;
  private final java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
  private int crashAfterBatches = -1;

  public CountingDestination(boolean idempotent, int maxBatch) {
    this.idempotent = idempotent;
    this.maxBatch = maxBatch;
  }

  /** The next pushes answer these, one per push, for the whole batch (then normal service). */
  public CountingDestination thenAnswer(RecordResult... results) {
    scripted.addAll(List.of(results));
    return this;
  }

  /** Refuses the batches holding such a record, as a database refuses a statement. */
  public CountingDestination refusing(Predicate<SyncRecord> refuse) {
    this.refuse = refuse;
    return this;
  }

  /** Records the destination has before the sync runs (created by someone else). */
  public CountingDestination having(String... keys) {
    present.addAll(List.of(keys));
    return this;
  }

  public boolean has(String key) {
    return present.contains(key);
  }

  /** Defers such records (they depend on something the destination lacks), as Ambassador defers a conversion. */
  public CountingDestination deferring(Predicate<SyncRecord> defer) {
    this.defer = defer;
    return this;
  }

  /** Supports only these operations, as a destination with a group (add, remove) but no delete does. */
  public CountingDestination supporting(Operation... supported) {
    this.operations = Set.of(supported);
    return this;
  }

  /**
   * After this many batches, the next push waits until the sending thread is interrupted (a
   * scheduler killing the run), then answers Retry for its records.
   */
  public CountingDestination blockAfter(int batches) {
    this.blockAfterBatches = batches;
    this.blockAfter = new java.util.concurrent.CountDownLatch(1);
    return this;
  }

  /** Waits until a push is blocked (see {@link #blockAfter}). */
  public void awaitBlocked() throws InterruptedException {
    if (!blocked.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new IllegalStateException("no push blocked within a minute");
    }
  }

  public CountingDestination crashAfter(int batches) {
    this.crashAfterBatches = batches;
    return this;
  }

  public int deliveries(Operation operation, String key) {
    return deliveries.getOrDefault(operation + ":" + key, 0);
  }

  public int totalDeliveries() {
    return deliveries.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The fields of the last delivery of {@code key}. */
  public Map<String, Object> lastFields(String key) {
    return lastFields.get(key);
  }

  public List<List<String>> batches() {
    return batches;
  }

  @Override
  public Set<Operation> operations() {
    return operations;
  }

  @Override
  public int maxBatchSize() {
    return maxBatch;
  }

  @Override
  public List<RecordResult> push(Operation operation, List<SyncRecord> batch) {
    if (blockAfterBatches >= 0 && batches.size() >= blockAfterBatches) {
      blocked.countDown();
      try {
        blockAfter.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return batch.stream().map(r -> (RecordResult) new RecordResult.Retry("interrupted", null)).toList();
      }
    }
    batches.add(batch.stream().map(SyncRecord::key).toList());
    if (!scripted.isEmpty()) {
      RecordResult result = scripted.poll();
      return batch.stream().map(r -> result).toList();
    }
    if (batch.stream().anyMatch(refuse)) {
      return batch.stream().map(r -> (RecordResult) new RecordResult.Rejected("bad record in batch", true)).toList();
    }
    List<RecordResult> results = new ArrayList<>();
    for (SyncRecord record : batch) {
      if (defer.test(record)) {
        results.add(new RecordResult.Deferred("waiting for " + record.key() + " to exist"));
        continue;
      }
      if (operation == Operation.UPDATE && !present.contains(record.key())) {
        results.add(new RecordResult.Skipped("not in the destination"));
        continue;
      }
      deliveries.merge(operation + ":" + record.key(), 1, Integer::sum);
      lastFields.put(record.key(), record.fields());
      appliedIdempotencyKeys.add(record.idempotencyKey());
      switch (operation) {
        case INSERT, UPSERT, ADD -> present.add(record.key());
        case DELETE, REMOVE -> present.remove(record.key());
        default -> { }
      }
      results.add(new RecordResult.Ok());
    }
    if (crashAfterBatches > 0 && batches.size() >= crashAfterBatches) {
      throw new Crash("killed after " + batches.size() + " batches");
    }
    return results;
  }

  @Override
  public boolean idempotent(Operation operation) {
    return idempotent;
  }

  @Override
  public Set<String> applied(Operation operation, List<SyncRecord> records) {
    Set<String> keys = new HashSet<>();
    for (SyncRecord record : records) {
      if (appliedIdempotencyKeys.contains(record.idempotencyKey())) {
        keys.add(record.key());
      }
    }
    return keys;
  }

  /** What a killed process looks like to the code around it. */
  public static final class Crash extends RuntimeException {
    Crash(String message) {
      super(message);
    }
  }
}
