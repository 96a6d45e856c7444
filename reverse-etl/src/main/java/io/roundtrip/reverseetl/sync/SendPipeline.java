package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.state.StateStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends a plan's records batch by batch: this thread reads them (from the plan, or streamed from
 * the model) and hands them in chunks to a sending thread ({@link BatchSender}: batches, rate
 * limit, retries, splitting), so reading the model and waiting on the destination overlap. Before
 * a chunk goes through an operation that is not idempotent, its intents are written.
 */
final class SendPipeline {

  /** Records handed from the reading thread to the sending thread at a time. */
  private static final int MIN_CHUNK = 1_000;
  /** Chunks read ahead of the sender: enough to keep it busy, bounded so memory is too. */
  private static final int CHUNKS_AHEAD = 4;

  private record Chunk(Operation operation, List<SyncRecord> records) {}

  private static final Chunk END = new Chunk(null, List.of());

  private final StateStore store;

  SendPipeline(StateStore store) {
    this.store = store;
  }

  /**
   * Sends the records, then the removals; returns whether intents were written.
   *
   * @param records the rows to send, or null when there are none to read (a staged send took them)
   */
  boolean send(SyncPlan plan, Destination destination, BatchSender sender, Delivery delivery,
      Iterator<SyncRecord> records) throws InterruptedException {
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
      while (records != null && records.hasNext()) {
        SyncRecord record = records.next();
        Operation operation = plan.operationFor(record);
        if (operation == null) {
          continue; // changed back since the plan was made
        }
        List<SyncRecord> buffer = buffers.computeIfAbsent(operation, o -> new ArrayList<>(chunkSize));
        buffer.add(withIdempotencyKey(plan, destination, record, operation));
        if (buffer.size() >= chunkSize) {
          handOver(queue, new Chunk(operation, buffers.remove(operation)), sent);
        }
      }
      for (Map.Entry<Operation, List<SyncRecord>> rest : buffers.entrySet()) {
        handOver(queue, new Chunk(rest.getKey(), rest.getValue()), sent);
      }
      Operation removal = plan.operations().removal();
      for (int from = 0; from < plan.removals().size(); from += chunkSize) {
        List<SyncRecord> removals = new ArrayList<>();
        for (SyncRecord record : plan.removals().subList(from, Math.min(plan.removals().size(), from + chunkSize))) {
          removals.add(withIdempotencyKey(plan, destination, record, removal));
        }
        handOver(queue, new Chunk(removal, removals), sent);
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
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new IllegalStateException("sending failed", e.getCause());
    } catch (RuntimeException | InterruptedException e) {
      sent.cancel(true);
      throw e;
    } finally {
      sending.shutdownNow();
      // what the sender records until it stops belongs in the state the caller commits next
      sending.awaitTermination(1, TimeUnit.MINUTES);
    }
    return wroteIntents[0];
  }

  /** The record as sent: with its idempotency key, unless the destination has no use for one. */
  private static SyncRecord withIdempotencyKey(SyncPlan plan, Destination destination, SyncRecord record,
      Operation operation) {
    return destination.usesIdempotencyKeys() || !destination.idempotent(operation)
        ? plan.mapper().forOperation(record, operation) : record;
  }

  /** Waits for room in the queue, unless the sender has stopped (then its failure surfaces in get). */
  private static void handOver(BlockingQueue<Chunk> queue, Chunk chunk, Future<?> sender)
      throws InterruptedException, ExecutionException {
    while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
      if (sender.isDone()) {
        sender.get();
        throw new IllegalStateException("the sending thread stopped early");
      }
    }
  }
}
