package io.roundtrip.orchestration.graph;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One node of the pipeline: what it reads and writes, and the Roundtrip CLI invocation that runs it
 * for a data interval. The graph's edges come from these alone (an input written by another job's
 * output), so a new kind of job is one more implementation and nothing else changes.
 *
 * <p>Datasets are warehouse tables as {@code namespace.table}; {@code namespace.*} stands for every
 * table of a namespace (a load writes all of its source's tables, a model may read them all).
 * Anything else a job must run after is named the same way, e.g. {@code sync:NAME} for a sync's
 * run history.
 */
public interface Job {

  /** The task id: letters, digits, {@code _} and {@code -}; unique in a graph. */
  String name();

  /** What sort of job: load, model, sql, sync (shown, used for tags). */
  String kind();

  Set<String> inputs();

  Set<String> outputs();

  /**
   * The arguments after {@code roundtrip} that run this job for {@code interval}; running them again
   * for the same interval gives the same tables.
   */
  List<String> command(DataInterval interval);

  /** A cron of its own, when the job runs on its own schedule rather than the pipeline's. */
  default Optional<String> schedule() {
    return Optional.empty();
  }
}
