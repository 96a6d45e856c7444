package io.roundtrip.reverseetl.delivery;

import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Sends the records of one operation to a destination: in batches, at the destination's rate
 * limit, retrying what may succeed later (with {@link BackoffPolicy}), splitting a batch the
 * destination refused as a whole until the bad records stand alone, and asking a non-idempotent
 * destination what it applied before resending anything whose outcome is unknown. It is the one
 * place that waits; every decision is reported to the listener.
 */
public final class BatchSender {

  /**
   * @param batchSize records per request (the destination's own maximum also applies)
   * @param ratePerSecond requests per second; 0 for no limit
   */
  public record Options(int batchSize, double ratePerSecond, BackoffPolicy backoff) {
    public Options {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
      }
    }
  }

  /**
   * What happened to the records.
   *
   * @param acknowledged keys the destination applied
   * @param skipped keys the destination had nothing to do with (see {@link RecordResult.Skipped}) -> reason
   * @param failed keys that may succeed on a later run (deferred ones included) -> last reason
   * @param rejected keys the destination refused as they are -> reason
   */
  public record Outcome(Set<String> acknowledged, Map<String, String> skipped, Map<String, String> failed,
      Map<String, String> rejected, int requests, int retries, int splits) {}

  private final Destination destination;
  private final Options options;
  private final Clock clock;
  private final RandomGenerator random;
  private final RateLimiter limiter;
  private final java.util.function.Consumer<String> decisions;

  public BatchSender(Destination destination, Options options, Clock clock, RandomGenerator random,
      java.util.function.Consumer<String> decisions) {
    this.destination = destination;
    this.options = options;
    this.clock = clock;
    this.random = random;
    this.limiter = new RateLimiter(options.ratePerSecond(), clock);
    this.decisions = decisions;
  }

  private record Pending(List<SyncRecord> batch, int attempt, Duration waited) {}

  /**
   * The destination failed in a way no retry covers (it threw); carries what it acknowledged
   * before, so those records are not sent again.
   */
  public static final class Stopped extends RuntimeException {
    private final transient Outcome soFar;

    Stopped(Outcome soFar, RuntimeException cause) {
      super(cause.getMessage(), cause);
      this.soFar = soFar;
    }

    public Outcome soFar() {
      return soFar;
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }

  /**
   * Sends the records.
   *
   * @throws Stopped when the destination threw, or the thread was interrupted (cancelled), with
   *     what was acknowledged until then
   */
  public Outcome send(Operation operation, List<SyncRecord> records) {
    Set<String> acknowledged = new LinkedHashSet<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    int requests = 0;
    int retries = 0;
    int splits = 0;
    int size = Math.max(1, Math.min(options.batchSize(), destination.maxBatchSize()));
    Deque<Pending> queue = new ArrayDeque<>();
    for (int from = 0; from < records.size(); from += size) {
      queue.addLast(new Pending(records.subList(from, Math.min(records.size(), from + size)), 1, Duration.ZERO));
    }
    while (!queue.isEmpty()) {
      if (Thread.currentThread().isInterrupted()) {
        // cancelled: stop before the next request, and say what was acknowledged until now
        throw new Stopped(new Outcome(acknowledged, skipped, failed, rejected, requests, retries, splits),
            new IllegalStateException("interrupted"));
      }
      Pending pending = queue.pollFirst();
      try {
        limiter.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        continue; // stops at the top of the loop
      }
      List<RecordResult> results;
      try {
        results = destination.push(operation, pending.batch());
      } catch (RuntimeException e) {
        throw new Stopped(new Outcome(acknowledged, skipped, failed, rejected, requests, retries, splits), e);
      }
      requests++;
      if (results.size() != pending.batch().size()) {
        throw new IllegalStateException("Destination answered " + results.size() + " results for "
            + pending.batch().size() + " records");
      }
      List<SyncRecord> retry = new ArrayList<>();
      List<SyncRecord> unknown = new ArrayList<>();
      List<SyncRecord> split = new ArrayList<>();
      Duration retryAfter = null;
      String lastReason = null;
      int deferred = 0;
      String deferredBecause = null;
      for (int i = 0; i < results.size(); i++) {
        SyncRecord record = pending.batch().get(i);
        RecordResult result = results.get(i);
        if (result instanceof RecordResult.Ok) {
          acknowledged.add(record.key());
        } else if (result instanceof RecordResult.Rejected r) {
          if (r.wholeBatch() && pending.batch().size() > 1) {
            split.add(record);
          } else {
            rejected.put(record.key(), r.reason());
          }
        } else if (result instanceof RecordResult.Retry r) {
          retry.add(record);
          lastReason = r.reason();
          if (r.retryAfter() != null && (retryAfter == null || r.retryAfter().compareTo(retryAfter) > 0)) {
            retryAfter = r.retryAfter();
          }
        } else if (result instanceof RecordResult.Unknown u) {
          unknown.add(record);
          lastReason = u.reason();
        } else if (result instanceof RecordResult.Skipped s) {
          skipped.put(record.key(), s.reason());
        } else if (result instanceof RecordResult.Deferred d) {
          // waiting within the run does not bring what the record depends on: the next run tries again
          failed.put(record.key(), d.reason());
          deferred++;
          deferredBecause = d.reason();
        }
      }
      if (deferred > 0) {
        decisions.accept("deferred " + deferred + " records to the next run, e.g. " + deferredBecause);
      }
      if (!split.isEmpty()) {
        // the destination refused the batch without naming the culprit: halves until it stands alone
        int half = split.size() / 2;
        queue.addFirst(new Pending(split.subList(half, split.size()), pending.attempt(), pending.waited()));
        queue.addFirst(new Pending(split.subList(0, half), pending.attempt(), pending.waited()));
        splits++;
        decisions.accept("split a refused batch of " + split.size() + " records");
      }
      if (!unknown.isEmpty()) {
        if (destination.idempotent(operation)) {
          retry.addAll(unknown);
        } else {
          Set<String> applied = destination.applied(operation, unknown);
          for (SyncRecord record : unknown) {
            if (applied.contains(record.key())) {
              acknowledged.add(record.key());
            } else {
              retry.add(record);
            }
          }
          decisions.accept("asked the destination about " + unknown.size() + " records with an unknown outcome: "
              + applied.size() + " were applied");
        }
      }
      if (!retry.isEmpty()) {
        Duration wait = options.backoff().delay(pending.attempt(), retryAfter, pending.waited(), random);
        if (wait == null) {
          for (SyncRecord record : retry) {
            failed.put(record.key(), lastReason);
          }
          decisions.accept("gave up on " + retry.size() + " records after " + pending.attempt() + " attempts: "
              + lastReason + "; they are retried on the next run");
        } else {
          decisions.accept("retrying " + retry.size() + " records in " + wait.toMillis() + " ms: " + lastReason);
          queue.addFirst(new Pending(retry, pending.attempt() + 1, pending.waited().plus(wait)));
          retries++;
          try {
            clock.sleep(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stops at the top of the loop
          }
        }
      }
    }
    return new Outcome(acknowledged, skipped, failed, rejected, requests, retries, splits);
  }
}
