package io.roundtrip.loaders.load;

import io.roundtrip.loaders.bookkeeping.IssueTables;
import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedAppends.CommitOutcome;
import io.roundtrip.warehouse.StagedAppends.CommitStamp;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The commit phase, on the driver: each table's staged files become one metadata-only commit,
 * stamped with the load so that a resumed load recognises the tables it committed before it
 * stopped. Tables commit in parallel on the load's pool; {@code users} and {@code accounts} are
 * merged once {@code identifies} and {@code groups} committed (the merge may read them).
 *
 * <p>Before anything commits, each table's staged rows are checked against the rows the dedup
 * phase counted for it: a mismatch commits nothing.
 */
final class TableCommits {

  /** Keys of {@link #run}'s result for the bookkeeping tables. */
  static final String REJECTS = IssueTables.REJECTS.toString();
  static final String DISCARDS = IssueTables.DISCARDS.toString();

  private final Warehouse warehouse;
  private final StagedAppends appends;
  private final LoadPlan plan;
  private final TableChanges changes;
  private final NewRows newRows;
  private final ExecutorService pool;
  private final LoadProgress progress;
  private final Set<StagedFile> committed = ConcurrentHashMap.newKeySet();
  /** Files of tables a stopped attempt of this load had committed: deleted once the merges read them. */
  private final Set<StagedFile> redundant = ConcurrentHashMap.newKeySet();
  private final Map<TableId, List<StagedFile>> byTable = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));

  TableCommits(Warehouse warehouse, StagedAppends appends, LoadPlan plan, TableChanges changes, NewRows newRows,
      ExecutorService pool, LoadProgress progress) {
    this.warehouse = warehouse;
    this.appends = appends;
    this.plan = plan;
    this.changes = changes;
    this.newRows = newRows;
    this.pool = pool;
    this.progress = progress;
  }

  /** The stamp every commit of this load carries: a resumed load has the same load time. */
  static CommitStamp stamp(LoadPlan plan) {
    return new CommitStamp("roundtrip-load:" + plan.request().source(), plan.loadTime());
  }

  /** Rows committed per table (users and accounts: rows inserted or updated). */
  Map<String, Long> run(List<StagedFile> staged) {
    for (StagedFile file : staged) {
      byTable.computeIfAbsent(file.table(), t -> new ArrayList<>()).add(file);
    }
    check(byTable);
    String source = plan.request().source();
    Map<String, Future<Long>> tasks = new TreeMap<>();
    byTable.forEach((table, files) -> {
      String key = table.namespace().equals(source) ? table.name() : table.toString();
      tasks.put(key, submit(key, () -> commit(table, files)));
    });
    // queued after the appends, so a merge waits only for an append that is already running
    for (Profiles profile : Profiles.values()) {
      if (changes.hasProfile(profile)) {
        Future<Long> sourceCommit = tasks.get(profile.source().table());
        tasks.put(profile.table(), submit(profile.table(), () -> {
          if (sourceCommit != null) {
            LoadJob.await(sourceCommit); // a recomputation reads the source table, this load's rows included
          }
          return merge(profile);
        }));
      }
    }
    Map<String, Long> written = new TreeMap<>();
    tasks.forEach((table, task) -> written.put(table, LoadJob.await(task)));
    appends.discard(List.copyOf(redundant));
    appends.release(committed.stream().filter(f -> !redundant.contains(f)).toList());
    return written;
  }

  /** The staged files that no commit took, to delete when the load fails. */
  List<StagedFile> uncommitted(List<StagedFile> staged) {
    return staged.stream().filter(f -> !committed.contains(f) || redundant.contains(f)).toList();
  }

  private void check(Map<TableId, List<StagedFile>> byTable) {
    Map<String, Long> staged = new HashMap<>();
    byTable.forEach((table, files) -> {
      if (table.namespace().equals(plan.request().source())) {
        staged.put(table.name(), files.stream().mapToLong(StagedFile::rows).sum());
      }
    });
    if (!staged.equals(newRows.rowsByTable)) {
      throw new LoadIntegrityException("Load " + plan.loadId() + " staged rows " + new TreeMap<>(staged)
          + " but its events were new for " + new TreeMap<>(newRows.rowsByTable)
          + "; nothing was committed, and the files are not recorded as loaded");
    }
  }

  private Future<Long> submit(String table, Callable<Long> work) {
    return pool.submit(() -> {
      long started = System.nanoTime();
      long rows = work.call();
      progress.written(table, rows, (System.nanoTime() - started) / 1_000_000);
      return rows;
    });
  }

  private long commit(TableId table, List<StagedFile> files) {
    boolean own = table.namespace().equals(plan.request().source());
    if (own) {
      changes.commitSchema(table.name()); // columns added or widened before the files that need them
    }
    CommitOutcome outcome = appends.commit(table,
        own ? changes.layout(table.name()).sparkSchema() : IssueTables.schema(table), files, stamp(plan));
    committed.addAll(files);
    if (outcome.alreadyCommitted()) {
      redundant.addAll(files);
      return 0;
    }
    return outcome.rows();
  }

  private long merge(Profiles profile) {
    String source = plan.request().source();
    Instant loadTime = LoadJob.instant(plan.loadTime());
    ProfileMerge merge = new ProfileMerge(warehouse, source, profile, changes.layout(profile.table()).columns());
    // the load's identify (or group) rows are the source table's staged files: new events only, since
    // the merge of events loaded before is done, and a stopped attempt's are this attempt's again
    TableId sourceTable = new TableId(source, profile.source().table());
    Dataset<Row> batch = appends.read(byTable.getOrDefault(sourceTable, List.of()),
        changes.layout(profile.source().table()).sparkSchema());
    if (changes.tablesAdded().contains(profile.table())) {
      return merge.create(batch, loadTime);
    }
    changes.commitSchema(profile.table());
    MergeCounts counts = merge.merge(batch, loadTime);
    return counts.inserted() + counts.updated();
  }
}
