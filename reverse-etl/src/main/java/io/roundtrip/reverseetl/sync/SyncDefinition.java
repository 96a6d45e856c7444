package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.mapping.RecordMapper;

/**
 * One sync as configured.
 *
 * @param model a warehouse table ({@code namespace.table}) or, when it contains whitespace, a
 *     Spark SQL query over the warehouse's tables
 * @param maxFailedRuns runs in a row a record may fail before it is reported as permanently
 *     failed (and left alone until its values change)
 * @param schedule cron expression kept for the scheduler; not used by a manual run
 */
public record SyncDefinition(String name, String model, SyncMode mode, RecordMapper mapper,
    BatchSender.Options delivery, int maxFailedRuns, String schedule) {

  public SyncDefinition {
    if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("Invalid sync name \"" + name + "\": use letters, digits, _ and -");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("sync " + name + ": model is required (a table or a SQL query)");
    }
    if (maxFailedRuns < 1) {
      throw new IllegalArgumentException("sync " + name + ": max_failed_runs must be at least 1");
    }
  }

  public boolean modelIsQuery() {
    return model.trim().contains(" ") || model.trim().contains("\n");
  }
}
