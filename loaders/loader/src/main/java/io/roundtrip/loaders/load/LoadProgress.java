package io.roundtrip.loaders.load;

import java.time.Duration;

/** Where a load reports what it is doing. Every method does nothing unless overridden. */
public interface LoadProgress {

  LoadProgress SILENT = new LoadProgress() {};

  /** A phase starts (parse, dedup, schema, write, commit). */
  default void phase(String name) {}

  /** Files and events parsed so far; called every {@link #parseReportInterval()} while parsing. */
  default void parsed(long filesDone, long filesTotal, long events) {}

  /** How often {@link #parsed} is called while the parse runs. */
  default Duration parseReportInterval() {
    return Duration.ofSeconds(1);
  }

  /** A table's commit is done; called from the load's writer threads. */
  default void written(String table, long rows, long millis) {}
}
