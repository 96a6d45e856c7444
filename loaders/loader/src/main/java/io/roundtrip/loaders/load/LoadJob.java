package io.roundtrip.loaders.load;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min;

import io.roundtrip.loaders.archive.Archive;
import io.roundtrip.loaders.archive.ArchiveFile;
import io.roundtrip.loaders.archive.HadoopConf;
import io.roundtrip.loaders.bookkeeping.LoadManifest;
import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.EventParser;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.naming.NameRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * lists as loaded. {@link #run} then goes through these phases:
 *
 * <ol>
 *   <li><b>parse</b>: read each file once into flattened events and rejected lines, kept (in
 *       memory, spilling to disk) for every later phase; counts per file and the tables touched;
 *   <li><b>dedup</b>: messageIds repeated within the load (the first line wins), and per table the
 *       messageIds it already has within the dedup window;
 *   <li><b>schema</b>: each table's columns after the load: existing columns keep their type, new
 *       ones get the type of their earliest value ({@link io.roundtrip.loaders.types.TypeRules});
 *   <li><b>write</b>: in parallel, each table appends its new rows (adding its new columns in the
 *       same commit); rejects and discards of these files are replaced; once {@code identifies}
 *       and {@code groups} are written, {@code users} and {@code accounts} are merged. Each append
 *       checks that its commit recorded exactly the rows that were new for the table;
 *   <li><b>commit</b>: record the files as loaded in the manifest.
 * </ol>
 *
 * <p>Every table is its own commit, so a crash can leave some tables written and others not. The
 * files are then not recorded as loaded; re-running reads them again and the per-table dedup skips
 * what was written, so the result is that of one clean run.
 */
public final class LoadJob {

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final Warehouse warehouse;
  private final NameRules names;
  private final LoadManifest manifest;

  public LoadJob(SparkSession spark, Warehouse warehouse, NameRules names) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.warehouse = warehouse;
    this.names = names;
    this.manifest = new LoadManifest(spark, warehouse);
  }

  public LoadPlan plan(LoadRequest request) {
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<ArchiveFile> listed = Archive.list(request.input(), conf.get());
    List<ArchiveFile> files = listed.isEmpty() ? List.of() : jsc
        .parallelize(listed, Math.max(1, Math.min(listed.size(), jsc.defaultParallelism() * 4)))
        .map(f -> new ArchiveFile(f.path(), f.size(), Archive.checksum(f.path(), conf.get())))
        .collect();
    Set<String> loaded = manifest.loadedChecksums(request.source());
    Set<String> planned = new HashSet<>();
    List<ArchiveFile> toLoad = new ArrayList<>();
    List<ArchiveFile> skipped = new ArrayList<>();
    for (ArchiveFile file : files) {
      // the same bytes twice (a copied file) are one file's worth of events
      if (loaded.contains(file.checksum()) || !planned.add(file.checksum())) {
        skipped.add(file);
      } else {
        toLoad.add(file);
      }
    }
    Instant now = Instant.now();
    String loadId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(LocalDateTime.ofInstant(now, ZoneOffset.UTC))
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new LoadPlan(request, loadId, List.copyOf(toLoad), List.copyOf(skipped), micros(now));
  }

  public LoadSummary run(LoadPlan plan, LoadProgress progress) {
    long started = System.nanoTime();
    if (plan.isEmpty()) {
      return new LoadSummary(plan.request().source(), plan.loadId(), 0, plan.alreadyLoaded().size(), 0, 0, 0, 0, 0,
          0, 0, Map.of(), List.of(), Map.of(), elapsedMillis(started));
    }
    progress.phase("parse");
    ParsedInput input = parse(plan);
    ExecutorService pool = Executors.newFixedThreadPool(plan.request().parallelWrites(), r -> {
      Thread thread = new Thread(r, "load-" + plan.loadId());
      thread.setDaemon(true);
      return thread;
    });
    InputProfile profile = null;
    try {
      profile = profile(input, plan, progress);
      progress.phase("dedup");
      Map<String, Optional<StructType>> schemas = schemas(plan.request().source(), profile.tables, pool);
      Broadcast<Duplicates> dups = jsc.broadcast(dedup(input.chunks(), profile, schemas, plan.request(), pool));
      NewRows newRows = input.chunks().map(chunk -> NewRows.of(chunk, dups.value())).reduce(NewRows::merge);

      progress.phase("schema");
      TableChanges changes = TableChanges.plan(warehouse, plan.request().source(), schemas, profile.columns, newRows);

      progress.phase("write");
      Map<String, Long> rowsByTable =
          new TableWrites(spark, warehouse, plan, input.chunks(), changes, dups, newRows, pool, progress).run();

      progress.phase("commit");
      manifest.record(entries(plan, profile, newRows, LoadManifest.LOADED, null));
      return new LoadSummary(plan.request().source(), plan.loadId(), plan.files().size(), plan.alreadyLoaded().size(),
          profile.lines(), profile.events(), profile.lines() - profile.events() - profile.rejects(),
          newRows.repeatedInLoad, newRows.alreadyLoaded, profile.rejects(), rowsByTable.getOrDefault(TableWrites.DISCARDS, 0L),
          withoutBookkeeping(rowsByTable), changes.tablesAdded(), changes.columnsAdded(), elapsedMillis(started));
    } catch (RuntimeException e) {
      recordFailure(plan, profile, e);
      throw e;
    } finally {
      pool.shutdownNow();
      input.chunks().unpersist(true);
    }
  }

  /** The parsed files, and counters of files and events read so far for progress reports. */
  private record ParsedInput(JavaRDD<EventChunk> chunks, LongAccumulator filesRead, LongAccumulator eventsRead) {}

  private ParsedInput parse(LoadPlan plan) {
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<String> paths = plan.files().stream().map(ArchiveFile::path).toList();
    NameRules rules = names;
    LongAccumulator events = spark.sparkContext().longAccumulator("events read");
    LongAccumulator files = spark.sparkContext().longAccumulator("files read");
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      indexes.add(i);
    }
    JavaRDD<EventChunk> parsed = jsc.parallelize(indexes, indexes.size())
        .flatMap(i -> new FileChunks(i, paths.get(i), conf.get(), new EventParser(rules), events, files));
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
    reporter.scheduleAtFixedRate(() -> progress.parsed(files.value(), plan.files().size(), events.value()),
        1, 1, TimeUnit.SECONDS);
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
      LoadRequest request, ExecutorService pool) {
    Map<String, Future<IdIndex>> lookups = new TreeMap<>();
    for (String table : profile.tables) {
      if (schemas.get(table).isPresent()) {
        lookups.put(table, pool.submit(() -> alreadyInTable(chunks, profile, request, table)));
      }
    }
    Dataset<Row> ids = InternalRows.dataFrame(spark, chunks.flatMap(chunk -> {
      List<InternalRow> rows = new ArrayList<>(chunk.size);
      for (int i = 0; i < chunk.size; i++) {
        rows.add(new GenericInternalRow(new Object[] {UTF8String.fromString(chunk.ids[i]), chunk.position(i)}));
      }
      return rows.iterator();
    }), ID_POSITION);
    List<Row> copies = ids.groupBy(Columns.ID).agg(min("position"), count("*").as("copies"))
        .where(col("copies").gt(1)).collectAsList();
    IdIndex repeated = new IdIndex(copies.size());
    for (Row row : copies) {
      repeated.put(row.getString(0), row.getLong(1));
    }
    Map<String, IdIndex> alreadyIn = new HashMap<>();
    lookups.forEach((table, lookup) -> {
      IdIndex found = await(lookup);
      if (!found.isEmpty()) {
        alreadyIn.put(table, found);
      }
    });
    return new Duplicates(repeated, alreadyIn);
  }

  private static final StructType ID_POSITION = new StructType()
      .add(Columns.ID, DataTypes.StringType, false).add("position", DataTypes.LongType, false);

  /** The load's messageIds that the table already has, looking only within the dedup window. */
  private IdIndex alreadyInTable(JavaRDD<EventChunk> chunks, InputProfile profile, LoadRequest request,
      String table) {
    Dataset<Row> existing = warehouse.read(new TableId(request.source(), table));
    if (request.dedupWindow() != null) {
      long slack = request.dedupWindow().toNanos() / 1000;
      existing = existing.where(col(Columns.RECEIVED_AT).between(
          instant(profile.minReceivedAt - slack), instant(profile.maxReceivedAt + slack)));
    }
    Dataset<Row> loadIds = InternalRows.dataFrame(spark, chunks.flatMap(chunk -> {
      List<InternalRow> rows = new ArrayList<>();
      for (int i = 0; i < chunk.size; i++) {
        if (chunk.range(i, table) != null) {
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
      InputProfile.FileCounts counts = profile == null ? new InputProfile.FileCounts() : profile.files.get(i);
      long duplicates = newRows == null ? 0 : newRows.duplicates(i);
      entries.add(new LoadManifest.Entry(plan.request().source(), file.checksum(), file.path(), file.size(), status,
          plan.loadId(), counts.lines, counts.events, newRows == null ? 0 : counts.events - duplicates, duplicates,
          counts.rejects, counts.lines - counts.events - counts.rejects, instant(plan.loadTime()), Instant.now(),
          error));
    }
    return entries;
  }

  private static Map<String, Long> withoutBookkeeping(Map<String, Long> rowsByTable) {
    Map<String, Long> tables = new TreeMap<>(rowsByTable);
    tables.remove(TableWrites.REJECTS);
    tables.remove(TableWrites.DISCARDS);
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
