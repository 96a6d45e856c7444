package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import java.util.List;

/**
 * One sync as configured.
 *
 * @param model a warehouse table ({@code namespace.table}) or, when it contains whitespace, a
 *     Spark SQL query over the warehouse's tables
 * @param maxFailedRuns runs in a row a record may fail before it is reported as permanently
 *     failed (and left alone until its values change)
 * @param schedule cron expression kept for the scheduler; not used by a manual run
 * @param after the syncs that must run before this one (an Ambassador conversions sync after the
 *     identify sync that creates the ambassadors): the pipeline orders runs by it; a run itself
 *     defers the records whose person the destination does not know yet
 */
public record SyncDefinition(String name, String model, SyncMode mode, RecordMapper mapper,
    BatchSender.Options delivery, int maxFailedRuns, String schedule, List<String> after) {

  /** What a sync name may hold: it names a folder and a table's rows. */
  public static final String NAME_PATTERN = "[A-Za-z0-9_-]+";

  public SyncDefinition {
    if (name == null || !name.matches(NAME_PATTERN)) {
      throw new IllegalArgumentException("invalid sync name \"" + name + "\": use letters, digits, _ and -");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("sync " + name + ": model is required (a table or a SQL query)");
    }
    if (maxFailedRuns < 1) {
      throw new IllegalArgumentException("sync " + name + ": max_failed_runs must be at least 1");
    }
    after = after == null ? List.of() : List.copyOf(after);
    if (after.contains(name)) {
      throw new IllegalArgumentException("sync " + name + ": after names the sync itself");
    }
  }

  public boolean modelIsQuery() {
    return model.trim().contains(" ") || model.trim().contains("\n");
  }
}
