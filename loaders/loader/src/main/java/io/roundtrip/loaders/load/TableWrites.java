package io.roundtrip.loaders.load;

import io.roundtrip.loaders.archive.ArchiveFile;
import io.roundtrip.loaders.bookkeeping.IssueTables;
import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.Discard;
import io.roundtrip.loaders.event.RejectedLine;
import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The write phase: one task per table on the load's pool, so that the commits of small tables
 * overlap with the writing of big ones. Each append checks that its commit recorded exactly the
 * rows that were new for the table.
 */
final class TableWrites {

  /** Keys of {@link #run}'s result for the bookkeeping tables. */
  static final String REJECTS = "_roundtrip.rejects";
  static final String DISCARDS = "_roundtrip.discards";

  /** Rows per output file a write aims at; fewer files keep small event tables quick to query. */
  private static final long ROWS_PER_FILE = 150_000;

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LoadPlan plan;
  private final JavaRDD<EventChunk> parsed;
  private final TableChanges changes;
  private final Broadcast<Duplicates> dups;
  private final NewRows newRows;
  private final ExecutorService pool;
  private final LoadProgress progress;
  private final Instant loadTime;

  TableWrites(SparkSession spark, Warehouse warehouse, LoadPlan plan, JavaRDD<EventChunk> parsed,
      TableChanges changes, Broadcast<Duplicates> dups, NewRows newRows, ExecutorService pool, LoadProgress progress) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.plan = plan;
    this.parsed = parsed;
    this.changes = changes;
    this.dups = dups;
    this.newRows = newRows;
    this.pool = pool;
    this.progress = progress;
    this.loadTime = LoadJob.instant(plan.loadTime());
  }

  /** Rows written per table (users and accounts: rows inserted or updated). */
  Map<String, Long> run() {
    String source = plan.request().source();
    Map<String, Future<Long>> tasks = new TreeMap<>();
    // biggest first, so the long writes start early and the small ones fill in around them
    newRows.rowsByTable.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(table -> tasks.put(table.getKey(), submit(table.getKey(), () -> append(table.getKey(), table.getValue()))));
    tasks.put(REJECTS, submit(REJECTS, this::writeRejects));
    tasks.put(DISCARDS, submit(DISCARDS, this::writeDiscards));
    // queued after the appends, so a merge waits only for an append that is already running
    for (Profiles profile : Profiles.values()) {
      if (changes.hasProfile(profile)) {
        Future<Long> sourceAppend = tasks.get(profile.source().table());
        tasks.put(profile.table(), submit(profile.table(), () -> {
          if (sourceAppend != null) {
            LoadJob.await(sourceAppend); // a recomputation reads the source table, this load's rows included
          }
          Dataset<Row> batch = rows(profile.source().table(), newRows.profileRows.get(profile.table()), false);
          ProfileMerge merge = new ProfileMerge(warehouse, source, profile, changes.layout(profile.table()).columns());
          if (changes.tablesAdded().contains(profile.table())) {
            return merge.create(batch, loadTime);
          }
          changes.commitProfileSchema(profile.table());
          MergeCounts counts = merge.merge(batch, loadTime);
          return counts.inserted() + counts.updated();
        }));
      }
    }
    Map<String, Long> written = new TreeMap<>();
    tasks.forEach((table, task) -> written.put(table, LoadJob.await(task)));
    return written;
  }

  private Future<Long> submit(String table, java.util.concurrent.Callable<Long> write) {
    return pool.submit(() -> {
      long started = System.nanoTime();
      long rows = write.call();
      progress.written(table, rows, (System.nanoTime() - started) / 1_000_000);
      return rows;
    });
  }

  private long append(String table, long expected) {
    TableId id = new TableId(plan.request().source(), table);
    long written = warehouse.write(id, rows(table, expected, true), WriteMode.append());
    if (written != expected) {
      throw new LoadIntegrityException("Load " + plan.loadId() + " wrote " + written + " rows to " + id + " but "
          + expected + " events were new for it; the files are not recorded as loaded, so re-running the load "
          + "completes it");
    }
    return written;
  }

  /**
   * The table's rows from the parsed events: never the later copies of a repeated messageId, and,
   * when {@code onlyNew}, not the events the table already has.
   */
  private Dataset<Row> rows(String table, long expected, boolean onlyNew) {
    TableLayout layout = changes.layout(table);
    Broadcast<Duplicates> duplicates = dups;
    long uuidTs = plan.loadTime();
    JavaRDD<InternalRow> rows = parsed.flatMap(chunk -> new ChunkRows(chunk, layout, uuidTs,
        i -> !duplicates.value().repeatedInLoad(chunk, i) && !(onlyNew && duplicates.value().alreadyIn(table, chunk, i))));
    long files = (expected + ROWS_PER_FILE - 1) / ROWS_PER_FILE;
    int partitions = (int) Math.max(1, Math.min(parsed.getNumPartitions(), files));
    return InternalRows.dataFrame(spark, rows.coalesce(partitions), layout.sparkSchema());
  }

  private long writeRejects() {
    List<ArchiveFile> files = plan.files();
    String source = plan.request().source();
    String loadId = plan.loadId();
    Instant rejectedAt = loadTime;
    JavaRDD<Row> rows = parsed.flatMap(chunk -> {
      List<Row> out = new ArrayList<>();
      for (RejectedLine reject : chunk.rejects) {
        ArchiveFile file = files.get(reject.file());
        out.add(RowFactory.create(source, file.path(), file.checksum(), reject.line(), reject.reason(), reject.raw(),
            loadId, rejectedAt));
      }
      return out.iterator();
    });
    return new IssueTables(warehouse).replace(IssueTables.REJECTS, source, checksums(),
        spark.createDataFrame(rows.coalesce(1), IssueTables.REJECTS_SCHEMA));
  }

  private long writeDiscards() {
    List<ArchiveFile> files = plan.files();
    String source = plan.request().source();
    String loadId = plan.loadId();
    Instant discardedAt = loadTime;
    Map<String, TableLayout> layouts = changes.layouts();
    Broadcast<Duplicates> duplicates = dups;
    JavaRDD<Row> rows = parsed.flatMap(chunk -> {
      List<Row> out = new ArrayList<>();
      EventChunk.Cursor cursor = new EventChunk.Cursor();
      Map<String, int[]> mappings = new HashMap<>();
      ArchiveFile file = files.get(chunk.file);
      for (int i = 0; i < chunk.size; i++) {
        if (duplicates.value().repeatedInLoad(chunk, i)) {
          continue;
        }
        List<Discard> found = new ArrayList<>();
        List<Discard> parsing = chunk.discards.get(i);
        if (parsing != null && !duplicates.value().alreadyIn(chunk.type(i).table(), chunk, i)) {
          found.addAll(parsing);
        }
        for (String table : chunk.tables(i)) {
          if (!duplicates.value().alreadyIn(table, chunk, i)) {
            TableLayout layout = layouts.get(table);
            int[] range = chunk.range(i, table);
            int[] mapping = mappings.computeIfAbsent(table, t -> layout.mapping(chunk));
            layout.discards(chunk, i, range[0], range[1], mapping, cursor, found::add);
          }
        }
        for (Discard d : found) {
          out.add(RowFactory.create(source, d.table(), d.column(), file.path(), file.checksum(), chunk.lines[i],
              chunk.ids[i], d.value(), d.reason(), loadId, discardedAt));
        }
      }
      return out.iterator();
    });
    return new IssueTables(warehouse).replace(IssueTables.DISCARDS, source, checksums(),
        spark.createDataFrame(rows.coalesce(1), IssueTables.DISCARDS_SCHEMA));
  }

  private List<String> checksums() {
    return plan.files().stream().map(ArchiveFile::checksum).toList();
  }
}
