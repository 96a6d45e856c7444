package io.roundtrip.loaders.bookkeeping;

import static io.roundtrip.warehouse.ColumnType.BIGINT;
import static io.roundtrip.warehouse.ColumnType.STRING;
import static io.roundtrip.warehouse.ColumnType.TIMESTAMP;
import static org.apache.spark.sql.functions.col;

import io.roundtrip.warehouse.DriverAppends;
import io.roundtrip.warehouse.DriverScans;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * {@code _roundtrip.loads}: one row per input file and load attempt, identified by the file's
 * checksum. A load first records its files as {@code started}, and as {@code loaded} once every
 * table committed (or {@code failed}, with the error). A file listed as loaded is never read again.
 * A load with {@code started} rows and no {@code loaded} ones stopped part-way (a crash, a kill, an
 * error): the next load of its source resumes it, with the same files, load id and load time, so
 * that tables it committed are recognised and the others get exactly the rows one clean run gives.
 */
public final class LoadManifest {

  public static final TableId TABLE = Bookkeeping.table("loads");
  public static final String STARTED = "started";
  public static final String LOADED = "loaded";
  public static final String FAILED = "failed";

  static final StructType SCHEMA = Bookkeeping.schema(Bookkeeping.columns(
      "source", STRING, "checksum", STRING, "file", STRING, "size", BIGINT, "status", STRING,
      "load_id", STRING, "lines", BIGINT, "events", BIGINT, "rows", BIGINT, "duplicates", BIGINT,
      "rejects", BIGINT, "blank_lines", BIGINT, "started_at", TIMESTAMP, "finished_at", TIMESTAMP,
      "error", STRING, "filtered", BIGINT));

  private final Warehouse warehouse;

  public LoadManifest(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** A load that stopped before it finished: what it read, and when it started. */
  public record PendingLoad(String loadId, Instant startedAt, List<FileEntry> files) {}

  /** A file as the manifest lists it. */
  public record FileEntry(String path, long size, String checksum) {}

  /**
   * What the manifest says of a source: the checksums of its loaded files, their paths with their
   * sizes, and its stopped load.
   */
  public record State(Set<String> loadedChecksums, Set<String> loadedPathsAndSizes, Optional<PendingLoad> pending) {

    /** Whether a listed file is one already loaded: the same path and size (archive files do not change). */
    public boolean isLoaded(String path, long size) {
      return loadedPathsAndSizes.contains(pathAndSize(path, size));
    }
  }

  private static String pathAndSize(String path, long size) {
    return size + " " + path;
  }

  private static final List<String> STATE_COLUMNS = List.of("source", "checksum", "file", "size", "status", "load_id",
      "started_at");

  /** Read on the driver without a Spark job where the warehouse can, so that a load with nothing new starts none. */
  public State state(String source) {
    List<Row> rows = warehouse.ability(DriverScans.class).map(scans -> scans.scan(TABLE, STATE_COLUMNS))
        .orElseGet(() -> warehouse.schema(TABLE).isEmpty() ? List.of()
            : warehouse.read(TABLE).select(STATE_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new))
                .collectAsList());
    Set<String> loaded = new HashSet<>();
    Set<String> loadedFiles = new HashSet<>();
    Set<String> finishedLoads = new HashSet<>();
    Map<String, List<Row>> started = new TreeMap<>();
    for (Row full : rows) {
      if (!source.equals(full.getString(0))) {
        continue;
      }
      Row row = RowFactory.create(full.get(1), full.get(2), full.get(3), full.get(4), full.get(5), full.get(6));
      String status = row.getString(3);
      if (LOADED.equals(status)) {
        loaded.add(row.getString(0));
        loadedFiles.add(pathAndSize(row.getString(1), row.getLong(2)));
        finishedLoads.add(row.getString(4));
      } else if (STARTED.equals(status)) {
        started.computeIfAbsent(row.getString(4), id -> new ArrayList<>()).add(row);
      }
    }
    started.keySet().removeAll(finishedLoads);
    Optional<PendingLoad> pending = started.entrySet().stream().findFirst().map(load -> {
      Map<String, FileEntry> files = new LinkedHashMap<>();
      load.getValue().forEach(r -> files.put(r.getString(0), new FileEntry(r.getString(1), r.getLong(2), r.getString(0))));
      return new PendingLoad(load.getKey(), (Instant) load.getValue().get(0).get(5),
          files.values().stream().filter(f -> !loaded.contains(f.checksum())).toList());
    });
    return new State(loaded, loadedFiles, pending);
  }

  /** One file's line in the manifest. */
  /**
   * One file's line in the manifest: its lines are events + rejects + filtered + blank lines, and
   * its events are rows + duplicates.
   */
  public record Entry(String source, String checksum, String file, long size, String status, String loadId,
      long lines, long events, long rows, long duplicates, long rejects, long filtered, long blankLines,
      Instant startedAt, Instant finishedAt, String error) {

    Row toRow() {
      return RowFactory.create(source, checksum, file, size, status, loadId, lines, events, rows, duplicates,
          rejects, blankLines, startedAt, finishedAt, error, filtered);
    }
  }

  /**
   * Appends entries in one commit. A resumed load records its files as started again, and a load
   * that fails more than once has a failed row per attempt: each attempt is history worth keeping,
   * and neither changes what {@link #state} finds.
   */
  public void record(List<Entry> entries) {
    DriverAppends.append(warehouse, TABLE, SCHEMA, entries.stream().map(Entry::toRow).toList(), null);
  }
}
