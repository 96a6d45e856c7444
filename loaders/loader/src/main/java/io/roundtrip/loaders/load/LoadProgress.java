package io.roundtrip.loaders.load;

/** Where a load reports what it is doing. Every method does nothing unless overridden. */
public interface LoadProgress {

  LoadProgress SILENT = new LoadProgress() {};

  /** A phase starts (parse, dedup, schema, write, commit). */
  default void phase(String name) {}

  /** Files and events parsed so far; called about once a second while parsing. */
  default void parsed(long filesDone, long filesTotal, long events) {}

  /** A table's commit is done; called from the load's writer threads. */
  default void written(String table, long rows, long millis) {}
}
