package io.roundtrip.reverseetl.destination;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a sync sends records. One call sends one batch of one operation and says what happened
 * to each record; retries, splitting, rate limits and state are the sync engine's business.
 * Implementations never print or store their credentials.
 */
public interface Destination extends AutoCloseable {

  /** The operations this destination can carry out. */
  Set<Operation> operations();

  /** Records a single request may carry. */
  int maxBatchSize();

  /**
   * Sends one batch; the results are in the order of {@code batch}. A failure of the whole
   * request (status, timeout) is reported for every record, not thrown.
   */
  List<RecordResult> push(Operation operation, List<SyncRecord> batch);

  /**
   * Whether sending the same record twice is harmless. For an operation that is not (a survey
   * email, a commission without a transaction id), records whose outcome is unknown are checked
   * with {@link #applied} before anything is resent.
   */
  boolean idempotent(Operation operation);

  /**
   * Whether this destination reads {@link SyncRecord#idempotencyKey}. Making one costs a hash per
   * record, which a destination that never reads it (a table, whose primary key already makes a
   * resend harmless) is spared. Records of an operation that is not {@link #idempotent} always
   * carry one: the intent log is kept by it.
   */
  default boolean usesIdempotencyKeys() {
    return true;
  }

  /**
   * Of these records, the ones the destination already applied (by the marker or idempotency key
   * it keeps). Only called for non-idempotent operations, after a crash or an unknown outcome.
   */
  default Set<String> applied(Operation operation, List<SyncRecord> records) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot tell whether a "
        + operation + " was applied");
  }

  /**
   * The destination's way of taking a whole run at once (see {@link Staging}), when it has one:
   * a big run then writes in parallel and applies with one statement, instead of going batch by
   * batch through {@link #push}.
   */
  default Optional<Staging> staging() {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
