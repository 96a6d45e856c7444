package io.roundtrip.warehouse;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A warehouse that appends to many tables in one pass over the data: tasks write each table's new
 * rows into staged files ({@link #writers}), then the driver commits each table's files in a
 * metadata-only transaction ({@link #commit}), without a Spark job or a full commit cycle per table.
 * This is what keeps a load's cost following its events rather than the number of tables it
 * touches.
 *
 * <p>Staged files are invisible to readers until committed; a crash leaves them as garbage that
 * {@link #discard} (or a later vacuum) removes.
 */
public interface StagedAppends {

  /** Writers for tasks to open, one per table they have rows for; {@code stageId} names the files. */
  StagedWriters writers(String stageId);

  /**
   * Commits a table's staged files in one transaction stamped with {@code stamp}, creating the table
   * with {@code schema} if it does not exist. An existing table must already have {@code schema}
   * (apply schema changes first, through {@link Warehouse#updateSchema}). When the table already has
   * a commit with this stamp (a re-run after a crash), nothing is committed and the outcome says so;
   * the files are then the caller's to {@link #discard}. A null stamp always commits.
   */
  CommitOutcome commit(TableId table, StructType schema, List<StagedFile> files, CommitStamp stamp);

  /** The rows of staged files, committed or not (until discarded). */
  Dataset<Row> read(List<StagedFile> files, StructType schema);

  /** Deletes staged files that will not be committed. */
  void discard(List<StagedFile> files);

  /**
   * Says the caller will not {@link #read} these committed files again. A backend whose commit copies
   * the staged rows into the table (JDBC staging tables) drops them now; where the files are the
   * table's data (Delta) nothing happens.
   */
  default void release(List<StagedFile> committed) {}

  /**
   * Names a commit so that a re-run of the same work recognises it: {@code version} grows with
   * every new piece of work of {@code appId} (Delta's idempotent-writer transaction id).
   */
  record CommitStamp(String appId, long version) {}

  /** @param rows rows the commit added; 0 when {@code alreadyCommitted} */
  record CommitOutcome(long rows, boolean alreadyCommitted) {}
}
