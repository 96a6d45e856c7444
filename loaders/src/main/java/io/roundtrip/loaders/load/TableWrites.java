package io.roundtrip.loaders.load;

import io.roundtrip.loaders.archive.ArchiveFile;
import io.roundtrip.loaders.bookkeeping.IssueTables;
import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.Discard;
import io.roundtrip.loaders.event.FlatEvent;
import io.roundtrip.loaders.event.ParsedLine;
import io.roundtrip.loaders.event.RejectedLine;
import io.roundtrip.loaders.warehouse.MergeCounts;
import io.roundtrip.loaders.warehouse.TableId;
import io.roundtrip.loaders.warehouse.Warehouse;
import io.roundtrip.loaders.warehouse.WriteMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
  private static final long ROWS_PER_FILE = 400_000;

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LoadPlan plan;
  private final JavaRDD<ParsedLine> parsed;
  private final TableChanges changes;
  private final Broadcast<Duplicates> dups;
  private final NewRows newRows;
  private final ExecutorService pool;
  private final Instant loadTime;

  TableWrites(SparkSession spark, Warehouse warehouse, LoadPlan plan, JavaRDD<ParsedLine> parsed,
      TableChanges changes, Broadcast<Duplicates> dups, NewRows newRows, ExecutorService pool) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.plan = plan;
    this.parsed = parsed;
    this.changes = changes;
    this.dups = dups;
    this.newRows = newRows;
    this.pool = pool;
    this.loadTime = LoadJob.instant(plan.loadTime());
  }

  /** Rows written per table (users and accounts: rows inserted or updated). */
  Map<String, Long> run() {
    String source = plan.request().source();
    Map<String, Future<Long>> tasks = new TreeMap<>();
    for (Map.Entry<String, Long> table : new TreeMap<>(newRows.rowsByTable).entrySet()) {
      tasks.put(table.getKey(), pool.submit(() -> append(table.getKey(), table.getValue())));
    }
    tasks.put(REJECTS, pool.submit(this::writeRejects));
    tasks.put(DISCARDS, pool.submit(this::writeDiscards));
    // queued after the appends, so a merge waits only for an append that is already running
    for (Profiles profile : Profiles.values()) {
      if (changes.hasProfile(profile)) {
        Future<Long> sourceAppend = tasks.get(profile.source().table());
        tasks.put(profile.table(), pool.submit(() -> {
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

  private long append(String table, long expected) {
    TableId id = new TableId(plan.request().source(), table);
    long written = warehouse.write(id, rows(table, expected, true), WriteMode.append());
    if (written != expected) {
      throw new IllegalStateException("Load " + plan.loadId() + " wrote " + written + " rows to " + id + " but "
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
    Instant uuidTs = loadTime;
    JavaRDD<Row> rows = parsed.flatMap(line -> {
      if (line instanceof FlatEvent e && !duplicates.value().repeatedInLoad(e)
          && !(onlyNew && duplicates.value().alreadyIn(table, e))) {
        int[] range = Routes.range(e, table);
        if (range != null) {
          return List.of(layout.row(e, range[0], range[1], uuidTs)).iterator();
        }
      }
      return Collections.emptyIterator();
    });
    long files = (expected + ROWS_PER_FILE - 1) / ROWS_PER_FILE;
    int partitions = (int) Math.max(1, Math.min(parsed.getNumPartitions(), files));
    return spark.createDataFrame(rows.coalesce(partitions), layout.sparkSchema());
  }

  private long writeRejects() {
    List<ArchiveFile> files = plan.files();
    String source = plan.request().source();
    String loadId = plan.loadId();
    Instant rejectedAt = loadTime;
    JavaRDD<Row> rows = parsed.filter(line -> line instanceof RejectedLine).map(line -> {
      RejectedLine reject = (RejectedLine) line;
      ArchiveFile file = files.get(reject.file());
      return RowFactory.create(source, file.path(), file.checksum(), reject.line(), reject.reason(), reject.raw(),
          loadId, rejectedAt);
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
    JavaRDD<Row> rows = parsed.flatMap(line -> {
      if (!(line instanceof FlatEvent e) || duplicates.value().repeatedInLoad(e)) {
        return Collections.emptyIterator();
      }
      List<Discard> found = new ArrayList<>();
      if (e.discards() != null && !duplicates.value().alreadyIn(e.type().table(), e)) {
        found.addAll(e.discards());
      }
      for (String table : e.tables()) {
        if (!duplicates.value().alreadyIn(table, e)) {
          int[] range = Routes.range(e, table);
          layouts.get(table).discards(e, range[0], range[1], found::add);
        }
      }
      ArchiveFile file = files.get(e.file());
      List<Row> out = new ArrayList<>(found.size());
      for (Discard d : found) {
        out.add(RowFactory.create(source, d.table(), d.column(), file.path(), file.checksum(), e.line(), e.id(),
            d.value(), d.reason(), loadId, discardedAt));
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
