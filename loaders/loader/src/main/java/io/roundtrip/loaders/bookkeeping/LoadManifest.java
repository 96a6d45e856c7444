package io.roundtrip.loaders.bookkeeping;

import static io.roundtrip.warehouse.ColumnType.BIGINT;
import static io.roundtrip.warehouse.ColumnType.STRING;
import static io.roundtrip.warehouse.ColumnType.TIMESTAMP;
import static org.apache.spark.sql.functions.col;

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
      "error", STRING));

  private final Warehouse warehouse;

  public LoadManifest(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** A load that stopped before it finished: what it read, and when it started. */
  public record PendingLoad(String loadId, Instant startedAt, List<FileEntry> files) {}

  /** A file as the manifest lists it. */
  public record FileEntry(String path, long size, String checksum) {}

  /** What the manifest says of a source: the checksums of its loaded files, and its stopped load. */
  public record State(Set<String> loadedChecksums, Optional<PendingLoad> pending) {}

  public State state(String source) {
    if (warehouse.schema(TABLE).isEmpty()) {
      return new State(Set.of(), Optional.empty());
    }
    Set<String> loaded = new HashSet<>();
    Set<String> finishedLoads = new HashSet<>();
    Map<String, List<Row>> started = new TreeMap<>();
    for (Row row : warehouse.read(TABLE).where(col("source").equalTo(source))
        .select("checksum", "file", "size", "status", "load_id", "started_at").collectAsList()) {
      String status = row.getString(3);
      if (LOADED.equals(status)) {
        loaded.add(row.getString(0));
        finishedLoads.add(row.getString(4));
      } else if (STARTED.equals(status)) {
        started.computeIfAbsent(row.getString(4), id -> new ArrayList<>()).add(row);
      }
    }
    started.keySet().removeAll(finishedLoads);
    Optional<PendingLoad> pending = started.entrySet().stream().findFirst().map(load -> {
      Map<String, FileEntry> files = new LinkedHashMap<>();
      load.getValue().forEach(r -> files.put(r.getString(0), new FileEntry(r.getString(1), r.getLong(2), r.getString(0))));
      return new PendingLoad(load.getKey(), load.getValue().get(0).getAs("started_at"),
          files.values().stream().filter(f -> !loaded.contains(f.checksum())).toList());
    });
    return new State(loaded, pending);
  }

  /** One file's line in the manifest. */
  public record Entry(String source, String checksum, String file, long size, String status, String loadId,
      long lines, long events, long rows, long duplicates, long rejects, long blankLines,
      Instant startedAt, Instant finishedAt, String error) {

    Row toRow() {
      return RowFactory.create(source, checksum, file, size, status, loadId, lines, events, rows, duplicates,
          rejects, blankLines, startedAt, finishedAt, error);
    }
  }

  /**
   * Appends entries in one commit. A resumed load records its files as started again, and a load
   * that fails more than once has a failed row per attempt: each attempt is history worth keeping,
   * and neither changes what {@link #state} finds.
   */
  public void record(List<Entry> entries) {
    BookkeepingWrites.append(warehouse, TABLE, SCHEMA, entries.stream().map(Entry::toRow).toList(), null);
  }
}
