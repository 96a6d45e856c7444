package io.roundtrip.reverseetl.destination;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An ability of a destination that applies a whole run at once (a database table): the run's
 * records are written into a stage in parallel, from wherever the model's rows are (Spark's
 * executors), and then applied by one statement. Nothing is visible in the destination before
 * the apply commits, so a run may still give up after staging (on a null or repeated key) with
 * nothing sent; and what the state records is exactly what that one statement committed.
 */
public interface Staging {

  /**
   * Creates an empty stage for records of {@code operation} with these fields (creating the
   * destination table first when it is missing and the destination may create it).
   *
   * @param name the stage's name, the same for every run of a sync (two runs of one sync never
   *     overlap), so what a killed run left behind is replaced
   * @param sample records that type the columns of a table to be created; asked for only then
   */
  Stage open(String name, Operation operation, List<String> fields, Supplier<List<SyncRecord>> sample);

  /** A stage being filled. */
  interface Stage extends AutoCloseable {

    /** Opens writers into this stage; serializable, to be shipped to where the rows are. */
    Writers writers();

    /**
     * Applies everything the writers committed in one statement (one transaction) and returns
     * the keys of the staged records the destination did not have, which an update skipped.
     */
    Set<String> apply();

    /** Drops the stage; never fails (a stage left behind is replaced by the next run). */
    @Override
    void close();
  }

  /** Where writers come from: one per part of the rows, each on its own connection. */
  interface Writers extends Serializable {
    Writer open();
  }

  /**
   * Writes records into the stage: {@link #commit} makes them part of it (they are not applied
   * yet); {@link #close} without a commit leaves the stage as it was.
   */
  interface Writer extends AutoCloseable {
    /**
     * One record: its sync key and its values in the order of the {@code fields} the stage was
     * opened with (null for a field the record does not have). Positional rather than a {@link
     * SyncRecord}: this runs for every row of a big run, and a map per row is what it would cost.
     */
    void write(String key, Object[] values);

    void commit();

    @Override
    void close();
  }
}
