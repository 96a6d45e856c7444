package io.roundtrip.loaders.load;

import static org.apache.spark.sql.functions.col;

import io.roundtrip.loaders.archive.Archive;
import io.roundtrip.loaders.archive.ArchiveDays;
import io.roundtrip.loaders.archive.ArchiveFile;
import io.roundtrip.loaders.archive.HadoopConf;
import io.roundtrip.loaders.bookkeeping.LoadManifest;
import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.EventFilter;
import io.roundtrip.loaders.event.EventParser;
import io.roundtrip.loaders.event.EventType;
import io.roundtrip.warehouse.RangeReads;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.naming.NameRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;

/**
 * Loads an archive of raw events into a source's tables.
 *
 * <p>{@link #plan} lists the input, checksums each file and leaves out the files the manifest
 * lists as loaded; when the source's last load stopped part-way, the plan is that load again (same
 * files, load id and load time). {@link #run} records the files as started, then goes through
 * these phases:
 *
 * <ol>
 *   <li><b>parse</b>: read each file once into flattened events and rejected lines, kept (in
 *       memory, spilling to disk) for every later phase; counts per file and the tables touched;
 *   <li><b>dedup</b>: messageIds repeated within the load (the first line wins), and the load's
 *       messageIds that the table of their type ({@code tracks}, {@code pages}, ...) already has
 *       within the dedup window;
 *   <li><b>schema</b>: each table's columns after the load: existing columns keep their type
 *       unless a value needs a wider one, new ones get the type of their values
 *       ({@link io.roundtrip.loaders.types.TypeRules});
 *   <li><b>write</b>: one Spark job in which every task writes its events' rows of every table, and
 *       its rejects and discards, into staged files;
 *   <li><b>commit</b>: each table's staged files in one metadata-only commit stamped with the load
 *       (after its schema change, if any); then {@code users} and {@code accounts} are merged from
 *       the load's identify and group calls; then the files are recorded as loaded.
 * </ol>
 *
 * <p>A crash (or kill) can leave some tables committed and others not. The next load of the
 * source resumes the stopped one: its dedup ignores the rows the stopped attempt wrote (they carry
 * its load time in {@code uuid_ts}), so it computes the same rows, and each table's commit stamp
 * tells which tables already have them. The result is that of one clean run.
 */
public final class LoadJob {

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final Warehouse warehouse;
  private final NameRules names;
  private final StagedAppends appends;
  private final LoadManifest manifest;

  public LoadJob(SparkSession spark, Warehouse warehouse, NameRules names) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.warehouse = warehouse;
    this.appends = warehouse.ability(StagedAppends.class).orElseThrow(() -> new IllegalArgumentException(
        "The " + warehouse.type() + " warehouse cannot take staged appends, which loads need"));
    this.names = names;
    this.manifest = new LoadManifest(warehouse);
  }

  public LoadPlan plan(LoadRequest request) {
    LoadManifest.State state = manifest.state(request.source());
    if (state.pending().isPresent()) {
      LoadManifest.PendingLoad pending = state.pending().get();
      List<ArchiveFile> files = pending.files().stream()
          .map(f -> new ArchiveFile(f.path(), f.size(), f.checksum())).toList();
      return new LoadPlan(request, pending.loadId(), files, List.of(), micros(pending.startedAt()), true);
    }
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<ArchiveFile> listed = Archive.list(request.input(), conf.get());
    // a file the manifest has with the same path and size is not read again: archive files do not
    // change, and reading every file of a growing archive each night would cost as much as loading
    List<ArchiveFile> skipped = new ArrayList<>();
    List<ArchiveFile> unknown = new ArrayList<>();
    for (ArchiveFile file : listed) {
      boolean reload = request.reloadSince() != null && !ArchiveDays.dayOf(file.path()).isBefore(request.reloadSince());
      (state.isLoaded(file.path(), file.size()) && !reload ? skipped : unknown).add(file);
    }
    List<ArchiveFile> files = unknown.isEmpty() ? List.of() : jsc
        .parallelize(unknown, Math.max(1, Math.min(unknown.size(), jsc.defaultParallelism() * 4)))
        .map(f -> new ArchiveFile(f.path(), f.size(), Archive.checksum(f.path(), conf.get())))
        .collect();
    Set<String> loaded = state.loadedChecksums();
    Set<String> planned = new HashSet<>();
    List<ArchiveFile> toLoad = new ArrayList<>();
    for (ArchiveFile file : files) {
      boolean reload = request.reloadSince() != null && !ArchiveDays.dayOf(file.path()).isBefore(request.reloadSince());
      // the same bytes twice (a copied file) are one file's worth of events
      if ((loaded.contains(file.checksum()) && !reload) || !planned.add(file.checksum())) {
        skipped.add(file);
      } else {
        toLoad.add(file);
      }
    }
    Instant now = Instant.now();
    String loadId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(LocalDateTime.ofInstant(now, ZoneOffset.UTC))
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new LoadPlan(request, loadId, List.copyOf(toLoad), List.copyOf(skipped), micros(now), false);
  }

  public LoadSummary run(LoadPlan plan, LoadProgress progress) {
    long started = System.nanoTime();
    if (plan.isEmpty()) {
      return new LoadSummary(plan.request().source(), plan.loadId(), 0, plan.alreadyLoaded().size(), 0, 0, 0, 0, 0,
          0, 0, 0, 0, Map.of(), List.of(), Map.of(), Map.of(), elapsedMillis(started));
    }
    manifest.record(entries(plan, null, null, LoadManifest.STARTED, null));
    progress.phase("parse");
    ParsedInput input = parse(plan);
    ExecutorService pool = Executors.newFixedThreadPool(plan.request().parallelWrites(), r -> {
      Thread thread = new Thread(r, "load-" + plan.loadId());
      thread.setDaemon(true);
      return thread;
    });
    InputProfile profile = null;
    List<StagedFile> staged = List.of();
    TableCommits commits = null;
    try {
      profile = profile(input, plan, progress);
      progress.phase("dedup");
      Map<String, Optional<StructType>> schemas = schemas(plan.request().source(), profile.tables, pool);
      Broadcast<Duplicates> dups = jsc.broadcast(dedup(input.chunks(), profile, schemas, plan, pool));
      NewRows newRows = input.chunks().map(chunk -> NewRows.of(chunk, dups.value())).reduce(NewRows::merge);

      progress.phase("schema");
      TableChanges changes = TableChanges.plan(warehouse, plan.request().source(), schemas, profile.columns, newRows);

      progress.phase("write");
      staged = write(plan, input.chunks(), changes, dups, newRows);

      progress.phase("commit");
      commits = new TableCommits(warehouse, appends, plan, changes, newRows, pool, progress);
      Map<String, Long> rowsByTable = commits.run(staged);
      manifest.record(entries(plan, profile, newRows, LoadManifest.LOADED, null));
      return new LoadSummary(plan.request().source(), plan.loadId(), plan.files().size(), plan.alreadyLoaded().size(),
          profile.lines(), profile.events(),
          profile.lines() - profile.events() - profile.rejects() - profile.filtered(),
          newRows.repeatedInLoad, newRows.alreadyLoaded, profile.filtered(), profile.filteredValues(), profile.rejects(),
          rowsByTable.getOrDefault(TableCommits.DISCARDS, 0L), withoutBookkeeping(rowsByTable),
          changes.tablesAdded(), changes.columnsAdded(), changes.columnsWidened(), elapsedMillis(started));
    } catch (RuntimeException e) {
      discardQuietly(commits == null ? staged : commits.uncommitted(staged), e);
      recordFailure(plan, profile, e);
      throw e;
    } finally {
      pool.shutdownNow();
      input.chunks().unpersist(true);
    }
  }

  /**
   * The write phase: one job over the parsed chunks. Partitions are merged so that the largest
   * table gets files of about {@link #ROWS_PER_FILE} rows, but never fewer than the cores can run.
   */
  private List<StagedFile> write(LoadPlan plan, JavaRDD<EventChunk> chunks, TableChanges changes,
      Broadcast<Duplicates> dups, NewRows newRows) {
    long largest = newRows.rowsByTable.values().stream().mapToLong(Long::longValue).max().orElse(0);
    int wanted = (int) Math.max(jsc.defaultParallelism(), (largest + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    int partitions = Math.max(1, Math.min(chunks.getNumPartitions(), wanted));
    StagedWrites.Layouts layouts = new StagedWrites.Layouts(plan.request().source(), changes.layouts());
    // a file read again (load --reload) had its rejects recorded by the load that first read it
    Set<String> loaded = plan.request().reloadSince() == null ? Set.of()
        : manifest.state(plan.request().source()).loadedChecksums();
    StagedWrites.Stamp stamp = new StagedWrites.Stamp(plan.request().source(), plan.loadId(), plan.loadTime(),
        plan.files(), plan.files().stream().map(f -> loaded.contains(f.checksum())).toList());
    return chunks.coalesce(partitions)
        .mapPartitions(new StagedWrites(appends.writers(plan.loadId()), layouts, dups, stamp))
        .collect();
  }

  /** Rows per output file a write aims at; fewer files keep small event tables quick to query. */
  private static final long ROWS_PER_FILE = 150_000;

  private void discardQuietly(List<StagedFile> files, RuntimeException failure) {
    try {
      appends.discard(files);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The parsed files, and counters of files and events read so far for progress reports. */
  private record ParsedInput(JavaRDD<EventChunk> chunks, LongAccumulator filesRead, LongAccumulator eventsRead) {}

  private ParsedInput parse(LoadPlan plan) {
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<String> paths = plan.files().stream().map(ArchiveFile::path).toList();
    NameRules rules = names;
    EventFilter filter = plan.request().filter();
    LongAccumulator events = spark.sparkContext().longAccumulator("events read");
    LongAccumulator files = spark.sparkContext().longAccumulator("files read");
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      indexes.add(i);
    }
    JavaRDD<EventChunk> parsed = jsc.parallelize(indexes, indexes.size())
        .flatMap(i -> new FileChunks(i, paths.get(i), conf.get(), new EventParser(rules, filter), events, files));
    parsed.setName("parsed " + plan.loadId()).persist(StorageLevel.MEMORY_AND_DISK());
    return new ParsedInput(parsed, files, events);
  }

  /** Runs the parse (the parsed lines' first use) and reports progress while it runs. */
  private InputProfile profile(ParsedInput input, LoadPlan plan, LoadProgress progress) {
    ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "load-progress");
      thread.setDaemon(true);
      return thread;
    });
    LongAccumulator files = input.filesRead();
    LongAccumulator events = input.eventsRead();
    long every = progress.parseReportInterval().toMillis();
    reporter.scheduleAtFixedRate(() -> progress.parsed(files.value(), plan.files().size(), events.value()),
        every, every, TimeUnit.MILLISECONDS);
    try {
      return input.chunks().map(InputProfile::of).reduce(InputProfile::merge);
    } finally {
      reporter.shutdownNow();
      progress.parsed(files.value(), plan.files().size(), events.value());
    }
  }

  private Map<String, Optional<StructType>> schemas(String source, Set<String> tables, ExecutorService pool) {
    Set<String> all = new HashSet<>(tables);
    for (Profiles profile : Profiles.values()) {
      all.add(profile.table());
    }
    Map<String, Future<Optional<StructType>>> lookups = new TreeMap<>();
    for (String table : all) {
      lookups.put(table, pool.submit(() -> warehouse.schema(new TableId(source, table))));
    }
    Map<String, Optional<StructType>> schemas = new TreeMap<>();
    lookups.forEach((table, lookup) -> schemas.put(table, await(lookup)));
    return schemas;
  }

  private Duplicates dedup(JavaRDD<EventChunk> chunks, InputProfile profile, Map<String, Optional<StructType>> schemas,
      LoadPlan plan, ExecutorService pool) {
    Map<EventType, Future<IdIndex>> lookups = new TreeMap<>();
    for (EventType type : EventType.values()) {
      if (profile.tables.contains(type.table()) && schemas.get(type.table()).isPresent()) {
        lookups.put(type, pool.submit(() -> alreadyLoaded(chunks, profile, plan, type)));
      }
    }
    IdIndex repeated = RepeatedIds.find(jsc, chunks);
    Map<EventType, IdIndex> alreadyLoaded = new EnumMap<>(EventType.class);
    lookups.forEach((type, lookup) -> {
      IdIndex found = await(lookup);
      if (!found.isEmpty()) {
        alreadyLoaded.put(type, found);
      }
    });
    return new Duplicates(repeated, alreadyLoaded);
  }

  private static final StructType ID_POSITION = new StructType()
      .add(Columns.ID, DataTypes.StringType, false).add("position", DataTypes.LongType, false);

  /**
   * The load's messageIds of one event type that the type's table already has, looking only within
   * the dedup window. Rows carrying this load's own time in {@code uuid_ts} are not counted: they
   * were written by an earlier attempt of this same load, which this run must reproduce.
   */
  private IdIndex alreadyLoaded(JavaRDD<EventChunk> chunks, InputProfile profile, LoadPlan plan, EventType type) {
    LoadRequest request = plan.request();
    TableId table = new TableId(request.source(), type.table());
    Dataset<Row> existing;
    if (request.dedupWindow() == null) {
      existing = warehouse.read(table);
    } else {
      long slack = request.dedupWindow().toNanos() / 1000;
      Instant from = instant(profile.minReceivedAt - slack);
      Instant until = instant(profile.maxReceivedAt + slack + 1);
      // the files of the window only: the table is laid out by received_at, one load's days per file
      existing = warehouse.ability(RangeReads.class).map(r -> r.read(table, Columns.RECEIVED_AT, from, until))
          .orElseGet(() -> warehouse.read(table).where(col(Columns.RECEIVED_AT).geq(from)
              .and(col(Columns.RECEIVED_AT).lt(until))));
    }
    if (plan.resumed()) {
      existing = existing.where(col(Columns.UUID_TS).isNull().or(col(Columns.UUID_TS).notEqual(instant(plan.loadTime()))));
    }
    int ordinal = type.ordinal();
    Dataset<Row> loadIds = InternalRows.dataFrame(spark, chunks.flatMap(chunk -> {
      List<InternalRow> rows = new ArrayList<>();
      for (int i = 0; i < chunk.size; i++) {
        if (chunk.eventTypes[i] == ordinal) {
          rows.add(new GenericInternalRow(new Object[] {UTF8String.fromString(chunk.ids[i]), 0L}));
        }
      }
      return rows.iterator();
    }), ID_POSITION).select(Columns.ID);
    List<String> found = existing.select(Columns.ID).join(loadIds, Columns.ID, "left_semi")
        .as(Encoders.STRING()).collectAsList();
    IdIndex index = new IdIndex(found.size());
    found.forEach(id -> index.put(id, 0));
    return index;
  }

  private void recordFailure(LoadPlan plan, InputProfile profile, RuntimeException failure) {
    try {
      manifest.record(entries(plan, profile, null, LoadManifest.FAILED, failure.toString()));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private List<LoadManifest.Entry> entries(LoadPlan plan, InputProfile profile, NewRows newRows, String status,
      String error) {
    List<LoadManifest.Entry> entries = new ArrayList<>();
    for (int i = 0; i < plan.files().size(); i++) {
      ArchiveFile file = plan.files().get(i);
      // before the parse (a started row) nothing is counted yet
      InputProfile.FileCounts counts = profile == null ? null : profile.files.get(i);
      long lines = counts == null ? 0 : counts.lines;
      long events = counts == null ? 0 : counts.events;
      long rejects = counts == null ? 0 : counts.rejects;
      long filtered = counts == null ? 0 : counts.filtered;
      long duplicates = newRows == null ? 0 : newRows.duplicates(i);
      entries.add(new LoadManifest.Entry(plan.request().source(), file.checksum(), file.path(), file.size(), status,
          plan.loadId(), lines, events, newRows == null ? 0 : events - duplicates, duplicates, rejects, filtered,
          lines - events - rejects - filtered, instant(plan.loadTime()), Instant.now(), error));
    }
    return entries;
  }

  private static Map<String, Long> withoutBookkeeping(Map<String, Long> rowsByTable) {
    Map<String, Long> tables = new TreeMap<>(rowsByTable);
    tables.remove(TableCommits.REJECTS);
    tables.remove(TableCommits.DISCARDS);
    return tables;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while loading", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static long micros(Instant instant) {
    return Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1000;
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000L;
  }
}
