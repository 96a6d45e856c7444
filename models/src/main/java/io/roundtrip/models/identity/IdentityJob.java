package io.roundtrip.models.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.DriverAppends;
import io.roundtrip.warehouse.DriverScans;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Identity resolution: which identifiers are the same person, and the one id that names them.
 *
 * <p>Phases of a run:
 *
 * <ol>
 *   <li><b>observe</b> ({@link Observations}): from the events loaded since the last run (by
 *       {@code uuid_ts}), the identifiers seen (user ids, anonymous ids, and normalised emails
 *       when enabled) and the pairs seen together: anonymous id with user id on any event, alias
 *       {@code previous_id} with {@code user_id} ({@code previous_id} typed as a user id when it
 *       is known as one, otherwise as an anonymous id), email with user id. Blocked values never
 *       become identifiers;
 *   <li><b>plan</b>: what to recompute. {@link Plan#INCREMENTAL}: only the people the new
 *       identifiers belong to (their stored components, whole, and the new identifiers);
 *       {@link Plan#RECOMPUTE}: every component, when an increment touches so much of the graph
 *       that scoping it costs more than it saves; {@link Plan#REBUILD}: from every event, on the
 *       first run, with {@code --full-refresh}, and when the identity settings changed (stored
 *       rules were made under the old ones);
 *   <li><b>resolve</b> ({@link IdentityGraph}, the same code whatever the plan): the pairs merged
 *       into the merge rules; which rules join people (an alias or an opted-in email joins what
 *       it names; an anonymous id joins the user id it was first seen with, unless it is a shared
 *       device seen with more than the configured number of user ids); connected components; each
 *       named by its earliest-seen identifier, so a person's id survives merges into it;
 *   <li><b>write</b>: a recompute overwrites the tables; an increment replaces only the rows of
 *       the identifiers, rules, shared devices and people it recomputed. Changes of canonical
 *       id go to {@code identity_graph_updates}; the run, with its watermark, plan and settings,
 *       to {@code identity_runs} last.
 * </ol>
 */
public final class IdentityJob {

  public static final String MERGE_RULES = "identity_merge_rules";
  public static final String MAPPINGS = "identity_mappings";
  public static final String GRAPH_UPDATES = "identity_graph_updates";
  public static final String SHARED = "identity_shared_identifiers";
  public static final String PROFILES = "profiles";
  public static final String RUNS = "identity_runs";

  /** How much a run recomputes. */
  public enum Plan {
    /** The components the new identifiers touch. */
    INCREMENTAL,
    /** Every component, from the stored rules and the new events. */
    RECOMPUTE,
    /** Every component, from every event (the stored rules ignored). */
    REBUILD
  }

  /**
   * When an increment is recomputed whole instead: when it touches more than {@code maxShare} of
   * the stored identifiers, where scoping costs more than it saves.
   */
  public record IncrementLimits(double maxShare) {

    public static IncrementLimits defaults() {
      return new IncrementLimits(0.5);
    }

    /** Every increment recomputes every component: the behaviour a scoped run is measured against. */
    public static IncrementLimits none() {
      return new IncrementLimits(0);
    }
  }

  /** What a run did; {@code why} says why the plan is not incremental (null when it is). */
  public record Summary(String runId, Plan plan, String why, long newEvents, long identifiers, long people,
      long changed, long sharedIdentifiers, long recomputed, Instant watermark) {}

  private static final StructType RUNS_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType).add("finished_at", DataTypes.TimestampType)
      .add("watermark", DataTypes.TimestampType).add("new_events", DataTypes.LongType)
      .add("identifiers", DataTypes.LongType).add("people", DataTypes.LongType)
      .add("changed", DataTypes.LongType).add("shared_identifiers", DataTypes.LongType)
      .add("plan", DataTypes.StringType).add("recomputed", DataTypes.LongType)
      .add("settings", DataTypes.StringType);

  private static final String[] NODE_COLUMNS = {"identifier_type", "identifier_value", "first_seen", "last_seen"};

  private final ModelContext context;
  private final IdentityOptions options;
  private final IncrementLimits limits;
  private final Observations observations;
  private final IdentityGraph graph;

  public IdentityJob(ModelContext context, IdentityOptions options) {
    this(context, options, IncrementLimits.defaults());
  }

  public IdentityJob(ModelContext context, IdentityOptions options, IncrementLimits limits) {
    this.context = context;
    this.options = options;
    this.limits = limits;
    this.observations = new Observations(context, options);
    this.graph = new IdentityGraph(options);
  }

  public Summary run() {
    return run(false);
  }

  /** @param fullRefresh rebuild from every event, as dbt's {@code --full-refresh} rebuilds a model */
  public Summary run(boolean fullRefresh) {
    String runId = UUID.randomUUID().toString();
    String settings = options.toString();
    Optional<LastRun> last = lastRun();
    String rebuild = fullRefresh ? "--full-refresh"
        : last.isEmpty() || !List.of(MAPPINGS, MERGE_RULES, SHARED, PROFILES).stream()
            .allMatch(t -> context.exists(context.modelTable(t))) ? "first run"
        : !settings.equals(last.get().settings()) ? "the identity settings are not those of the last run" : null;
    Instant since = rebuild != null ? null : last.get().watermark();

    // the events are read once and used several times; cached in Spark's columnar form, which costs
    // far less than a checkpoint's row objects
    Dataset<Row> events = observations.newEvents(since).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counted = events.agg(count("*"), max("uuid_ts")).first();
      long newEvents = counted.getLong(0);
      Instant watermark = newEvents == 0 ? since : counted.getAs(1);
      Resolved resolved;
      if (rebuild == null && newEvents == 0) {
        LastRun previous = last.get();
        resolved = new Resolved(Plan.INCREMENTAL, null, previous.identifiers(), previous.people(), 0,
            previous.shared(), 0);
      } else {
        Dataset<Row> oldMappings = existing(MAPPINGS);
        Dataset<Row> known = rebuild != null ? null : oldMappings;
        Observations.Seen seen = observations.observe(events, known);
        Increment increment = new Increment(runId, seen.identifiers(), seen.pairs(), oldMappings);
        resolved = rebuild != null ? increment.whole(Plan.REBUILD, rebuild)
            : increment.scoped(last.get());
      }
      DriverAppends.append(context.warehouse(), context.modelTable(RUNS), RUNS_SCHEMA, List.of(RowFactory.create(
          runId, Instant.now(), watermark, newEvents, resolved.identifiers(), resolved.people(), resolved.changed(),
          resolved.shared(), resolved.plan().name().toLowerCase(java.util.Locale.ROOT), resolved.recomputed(),
          settings)), null);
      return new Summary(runId, resolved.plan(), resolved.why(), newEvents, resolved.identifiers(), resolved.people(),
          resolved.changed(), resolved.shared(), resolved.recomputed(), watermark);
    } finally {
      events.unpersist();
    }
  }

  private record Resolved(Plan plan, String why, long identifiers, long people, long changed, long shared,
      long recomputed) {}

  /** The newest run's watermark, settings and totals, read without a Spark job where the warehouse can. */
  private record LastRun(Instant watermark, String settings, long identifiers, long people, long shared) {}

  private Optional<LastRun> lastRun() {
    TableId table = context.modelTable(RUNS);
    Optional<StructType> schema = context.warehouse().schema(table);
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    List<String> columns = new ArrayList<>(List.of("finished_at", "watermark", "identifiers", "people",
        "shared_identifiers"));
    boolean hasSettings = schema.get().getFieldIndex("settings").isDefined();
    if (hasSettings) {
      columns.add("settings");
    }
    List<Row> rows = context.warehouse().ability(DriverScans.class).map(scans -> scans.scan(table, columns))
        .orElseGet(() -> context.warehouse().read(table).selectExpr(columns.toArray(String[]::new)).collectAsList());
    Row newest = null;
    for (Row row : rows) {
      if (newest == null || instant(row.get(0)).isAfter(instant(newest.get(0)))) {
        newest = row;
      }
    }
    if (newest == null) {
      return Optional.empty();
    }
    return Optional.of(new LastRun(newest.isNullAt(1) ? null : instant(newest.get(1)),
        hasSettings && !newest.isNullAt(5) ? newest.getString(5) : null,
        newest.getLong(2), newest.getLong(3), newest.getLong(4)));
  }

  private static Instant instant(Object value) {
    return value instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) value;
  }

  /** One run's observations, resolved against what the model stored before. */
  private final class Increment {
    private final String runId;
    private final Dataset<Row> seenIds;
    private final Dataset<Row> seenPairs;
    private final Dataset<Row> oldMappings;

    Increment(String runId, Dataset<Row> seenIds, Dataset<Row> seenPairs, Dataset<Row> oldMappings) {
      this.runId = runId;
      this.seenIds = seenIds;
      this.seenPairs = seenPairs;
      this.oldMappings = oldMappings;
    }

    /**
     * Resolves only the people the new identifiers belong to: their stored components whole, the
     * new identifiers, the rules of both, and the full device rules of every anonymous id among
     * them (a shared device and a device's first user are decided over all of its user ids). The
     * stored graph joins nothing of these to anything outside them, so nothing outside changes.
     */
    Resolved scoped(LastRun last) {
      if (limits.maxShare() == 0) {
        return whole(Plan.RECOMPUTE, "increments are not scoped");
      }
      Dataset<Row> touched = seenIds.select(NODE_COLUMNS[0], NODE_COLUMNS[1]);
      Dataset<Row> affectedPeople = Checkpoints.cut(oldMappings
          .join(touched, Checkpoints.seq(IdentityGraph.IDENTIFIER_KEYS), "left_semi")
          .select("canonical_user_id").distinct());
      long affected = affectedPeople.count();
      Dataset<Row> scopeOld = Checkpoints.cut(oldMappings.join(small(affectedPeople, affected), "canonical_user_id")
          .select("identifier_type", "identifier_value", "canonical_user_id", "first_seen", "last_seen"));
      // the scope's identifiers, each flagged when it is stored already: its size and what is new in one job
      Dataset<Row> flagged = Checkpoints.cut(scopeOld.select(col(NODE_COLUMNS[0]), col(NODE_COLUMNS[1]),
              lit(1).as("stored"))
          .unionByName(touched.withColumn("stored", lit(0)))
          .groupBy(NODE_COLUMNS[0], NODE_COLUMNS[1]).agg(max("stored").as("stored")));
      Row sizes = flagged.agg(count("*"), sum("stored")).first();
      long identifiers = sizes.getLong(0);
      long stored = identifiers == 0 ? 0 : sizes.getLong(1);
      long added = identifiers - stored;
      Dataset<Row> scope = flagged.select(NODE_COLUMNS[0], NODE_COLUMNS[1]);
      if (identifiers == 0) {
        return new Resolved(Plan.INCREMENTAL, null, last.identifiers(), last.people(), 0, last.shared(), 0);
      }
      if (identifiers > limits.maxShare() * (last.identifiers() + added)) {
        return whole(Plan.RECOMPUTE, String.format("the increment touches %,d of %,d identifiers", identifiers,
            last.identifiers() + added));
      }

      Dataset<Row> rules = Checkpoints.cut(IdentityGraph.mergeObservations(rulesAround(scope, identifiers), seenPairs,
          IdentityGraph.RULE_KEYS));
      Dataset<Row> nodes = IdentityGraph.mergeObservations(scopeOld.select(NODE_COLUMNS[0], NODE_COLUMNS[1],
          NODE_COLUMNS[2], NODE_COLUMNS[3]), seenIds, IdentityGraph.IDENTIFIER_KEYS);
      Dataset<Row> shared = Checkpoints.cut(graph.sharedDevices(rules));
      Dataset<Row> edges = Checkpoints.cut(graph.edges(rules, shared));
      long leaving = edgesLeaving(edges, scope, identifiers);
      if (leaving > 0) {
        return whole(Plan.RECOMPUTE, String.format("%,d stored edges join the increment's people to others", leaving));
      }
      Dataset<Row> mappings = Checkpoints.cut(graph.canonicalIds(nodes, edges));
      Dataset<Row> updates = Checkpoints.cut(IdentityGraph.changes(scopeOld, mappings, runId));
      long changed = updates.count();
      Dataset<Row> resolvedPeople = mappings.select("canonical_user_id").distinct();
      long peopleNow = resolvedPeople.count();
      Dataset<Row> replacedPeople = Checkpoints.cut(affectedPeople.union(resolvedPeople).distinct());
      Dataset<Row> profiles = new Profiles(context).of(mappings);
      String clash = typeClash(profiles.schema());
      if (clash != null) {
        return whole(Plan.RECOMPUTE, clash);
      }
      long newlyShared = shared.isEmpty() ? 0 : shared.join(existing(SHARED),
          Checkpoints.seq(IdentityGraph.IDENTIFIER_KEYS), "left_anti").count();

      // the profiles and the log of changes first: a run that stops after them is redone by the next
      // one, which finds the same people through the mappings not yet rewritten, so no merged-away
      // person's profile stays behind (the change log may then hold a change twice, never lose one)
      List<Supplier<Long>> people = new ArrayList<>(List.of(() -> replace(PROFILES, profiles,
          List.of("canonical_user_id"), replacedPeople)));
      if (changed > 0) {
        people.add(() -> context.warehouse().write(context.modelTable(GRAPH_UPDATES), updates, WriteMode.append()));
      }
      inParallel(people);
      List<Supplier<Long>> graphWrites = new ArrayList<>(List.of(
          () -> replace(MERGE_RULES, rules.join(seenPairs.select(IdentityGraph.RULE_KEYS.stream().map(
              org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)),
              Checkpoints.seq(IdentityGraph.RULE_KEYS), "left_semi"), IdentityGraph.RULE_KEYS, seenPairs),
          () -> replace(MAPPINGS, mappings, IdentityGraph.IDENTIFIER_KEYS, scope)));
      if (!shared.isEmpty()) {
        // most increments make no device shared: nothing to write then
        graphWrites.add(() -> replace(SHARED, shared, IdentityGraph.IDENTIFIER_KEYS, shared));
      }
      inParallel(graphWrites);
      return new Resolved(Plan.INCREMENTAL, null, last.identifiers() + added, last.people() - affected + peopleNow,
          changed, last.shared() + newlyShared, identifiers);
    }

    /** Every component, from the stored identifiers and rules and the new observations (or these alone). */
    Resolved whole(Plan plan, String why) {
      boolean fromStored = plan != Plan.REBUILD;
      Dataset<Row> nodes = Checkpoints.cut(IdentityGraph.mergeObservations(
          fromStored ? oldMappings.select(NODE_COLUMNS[0], NODE_COLUMNS[1], NODE_COLUMNS[2], NODE_COLUMNS[3]) : null,
          seenIds, IdentityGraph.IDENTIFIER_KEYS));
      Dataset<Row> rules = Checkpoints.cut(IdentityGraph.mergeObservations(fromStored ? existing(MERGE_RULES) : null,
          seenPairs, IdentityGraph.RULE_KEYS));
      Dataset<Row> shared = Checkpoints.cut(graph.sharedDevices(rules));
      Dataset<Row> mappings = Checkpoints.cut(graph.canonicalIds(nodes, graph.edges(rules, shared)));
      // materialised now: the old mappings are about to be overwritten
      Dataset<Row> updates = oldMappings == null ? null
          : Checkpoints.cut(IdentityGraph.changes(oldMappings, mappings, runId));
      long changed = updates == null ? 0 : updates.count();

      Dataset<Row> profiles = new Profiles(context).of(mappings);
      List<Supplier<Long>> writes = new ArrayList<>(List.of(
          () -> context.warehouse().write(context.modelTable(MERGE_RULES), rules, WriteMode.overwrite()),
          () -> context.warehouse().write(context.modelTable(SHARED), shared, WriteMode.overwrite()),
          () -> context.warehouse().write(context.modelTable(MAPPINGS), mappings, WriteMode.overwrite()),
          () -> context.warehouse().write(context.modelTable(PROFILES), profiles, WriteMode.overwrite())));
      if (changed > 0) {
        writes.add(() -> context.warehouse().write(context.modelTable(GRAPH_UPDATES), updates, WriteMode.append()));
      }
      List<Long> written = inParallel(writes);
      long identifiers = written.get(2);
      return new Resolved(plan, why, identifiers, written.get(3), changed, written.get(1), identifiers);
    }

    /**
     * The stored rules that can matter to the scope's people: those naming one of its identifiers,
     * and every device rule of an anonymous id among those (the device's other user ids decide
     * whether it is shared and which user it joins).
     */
    private Dataset<Row> rulesAround(Dataset<Row> scope, long scopeRows) {
      Dataset<Row> stored = existing(MERGE_RULES);
      Dataset<Row> asLeft = scope.toDF("left_type", "left_value");
      Dataset<Row> asRight = scope.toDF("right_type", "right_value");
      Dataset<Row> naming = stored.join(small(asRight, scopeRows), Checkpoints.seq(List.of("right_type",
          "right_value")), "left_semi");
      Dataset<Row> devices = naming.where(col("rule").equalTo(IdentityGraph.DEVICE_RULE))
          .select("left_type", "left_value").union(asLeft).distinct();
      // by name: a semi join on named columns puts them first
      return stored.join(devices, Checkpoints.seq(List.of("left_type", "left_value")), "left_semi")
          .unionByName(naming);
    }

    /** Edges with one end in the scope and the other outside: none, when the stored graph is what this job made. */
    private long edgesLeaving(Dataset<Row> edges, Dataset<Row> scope, long scopeRows) {
      Dataset<Row> inLeft = scope.toDF("left_type", "left_value").withColumn("left_in", lit(true));
      Dataset<Row> inRight = scope.toDF("right_type", "right_value").withColumn("right_in", lit(true));
      return edges.join(small(inLeft, scopeRows), Checkpoints.seq(List.of("left_type", "left_value")), "left")
          .join(small(inRight, scopeRows), Checkpoints.seq(List.of("right_type", "right_value")), "left")
          .where(col("left_in").isNull().notEqual(col("right_in").isNull()))
          .count();
    }

    /** Why the new profiles cannot replace stored ones in place (a trait whose type changed), or null. */
    private String typeClash(StructType profiles) {
      StructType stored = context.warehouse().schema(context.modelTable(PROFILES)).orElseThrow();
      for (StructField field : profiles.fields()) {
        scala.Option<Object> at = stored.getFieldIndex(field.name());
        // compared as SQL types: whether an array may hold nulls is not a type change
        if (at.isDefined() && !stored.fields()[(Integer) at.get()].dataType().sql().equals(field.dataType().sql())) {
          return "the type of the trait " + field.name() + " changed";
        }
      }
      return null;
    }
  }

  /** Keys broadcast to every task at most: a few megabytes of identifiers. */
  private static final long BROADCAST_KEYS = 200_000;

  /**
   * The keys, hinted for a broadcast join when there are few enough of them (counted already):
   * Spark's estimate of a checkpointed scope's size is not its size, and a shuffle join of a few
   * thousand keys with a table costs more than the work; a scope of millions is joined the
   * ordinary way.
   */
  private static Dataset<Row> small(Dataset<Row> keys, long rows) {
    return rows <= BROADCAST_KEYS ? org.apache.spark.sql.functions.broadcast(keys) : keys;
  }

  /** Replaces the table's rows of these keys with {@code rows}, which hold only such keys. */
  private long replace(String table, Dataset<Row> rows, List<String> keyColumns, Dataset<Row> keys) {
    return context.warehouse().write(context.modelTable(table), rows, WriteMode.replaceKeys(keyColumns, keys));
  }

  /** The tables are independent: their commits overlap instead of queueing. Returns each write's row count. */
  private static List<Long> inParallel(List<Supplier<Long>> writes) {
    ExecutorService pool = Executors.newFixedThreadPool(writes.size());
    try {
      List<Future<Long>> running = new ArrayList<>();
      for (Supplier<Long> write : writes) {
        running.add(pool.submit(write::get));
      }
      List<Long> results = new ArrayList<>();
      for (Future<Long> write : running) {
        try {
          results.add(write.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while writing identity tables", e);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private Dataset<Row> existing(String table) {
    TableId id = context.modelTable(table);
    return context.exists(id) ? context.warehouse().read(id) : null;
  }
}
