package io.roundtrip.models.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.LatestTraits;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Identity resolution: which identifiers are the same person, and the one id that names them.
 *
 * <p>Phases of a run:
 *
 * <ol>
 *   <li><b>observe</b>: from the events loaded since the last run (by {@code uuid_ts}), the
 *       identifiers seen (user ids, anonymous ids, and normalised emails when enabled) and the
 *       pairs seen together: anonymous id with user id on any event, alias {@code previous_id}
 *       with {@code user_id} ({@code previous_id} typed as a user id when it is known as one,
 *       otherwise as an anonymous id), email with user id. Blocked values never become
 *       identifiers;
 *   <li><b>merge rules</b>: the pairs merged into {@code identity_merge_rules} with their first
 *       and last time seen;
 *   <li><b>graph</b>: which rules join people. An alias or an (opted-in) email joins what it
 *       names. An anonymous id joins the user id it was first seen with, so two user ids are never
 *       joined through a device they share; one seen with more than the configured number of user
 *       ids is a shared device, listed in {@code identity_shared_identifiers}, and joins nobody;
 *   <li><b>components</b>: connected components over the rules ({@link ConnectedComponents});
 *   <li><b>canonical ids</b>: each component is named by its earliest-seen identifier, so a
 *       person's id survives merges into it and nothing changes when nothing merged; changes of
 *       canonical id go to {@code identity_graph_updates};
 *   <li><b>write</b>: mappings, rules, shared identifiers and profiles (with the latest traits from
 *       {@code users}), and the run with its watermark in {@code identity_runs}.
 * </ol>
 */
public final class IdentityJob {

  public static final String MERGE_RULES = "identity_merge_rules";
  public static final String MAPPINGS = "identity_mappings";
  public static final String GRAPH_UPDATES = "identity_graph_updates";
  public static final String SHARED = "identity_shared_identifiers";
  public static final String PROFILES = "profiles";
  public static final String RUNS = "identity_runs";

  /** Tables whose events carry both an anonymous id and a user id. */
  private static final List<String> EVENT_TABLES = List.of("identifies", "tracks", "pages", "screens", "groups",
      "aliases");

  private static final StructType NODES = new StructType()
      .add("identifier_type", DataTypes.StringType).add("identifier_value", DataTypes.StringType)
      .add("first_seen", DataTypes.TimestampType).add("last_seen", DataTypes.TimestampType);

  private static final StructType RULES = new StructType()
      .add("left_type", DataTypes.StringType).add("left_value", DataTypes.StringType)
      .add("right_type", DataTypes.StringType).add("right_value", DataTypes.StringType)
      .add("rule", DataTypes.StringType)
      .add("first_seen", DataTypes.TimestampType).add("last_seen", DataTypes.TimestampType);

  private final ModelContext context;
  private final IdentityOptions options;

  public IdentityJob(ModelContext context, IdentityOptions options) {
    this.context = context;
    this.options = options;
  }

  /** What a run did. */
  public record Summary(String runId, long newEvents, long identifiers, long people, long changed,
      long sharedIdentifiers, Instant watermark) {}

  public Summary run() {
    String runId = UUID.randomUUID().toString();
    Instant previousWatermark = watermark().orElse(null);
    // the events are read once and used four times; cached in Spark's columnar form, which costs
    // far less than a checkpoint's row objects
    Dataset<Row> events = newEvents(previousWatermark).persist(StorageLevel.MEMORY_AND_DISK());
    long newEvents = events.count();
    Instant newWatermark = newEvents == 0 ? previousWatermark
        : events.agg(max("uuid_ts")).first().getAs(0);

    Dataset<Row> oldMappings = existing(MAPPINGS);
    // checkpointed, not cached: the tables they come from are overwritten at the end of the run
    Dataset<Row> nodes = checkpoint(mergeObservations(
        oldMappings == null ? null : oldMappings.selectExpr(NODES.fieldNames()), nodeObservations(events, oldMappings),
        List.of("identifier_type", "identifier_value")));
    Dataset<Row> rules = checkpoint(mergeObservations(existing(MERGE_RULES), edgeObservations(events, oldMappings),
        List.of("left_type", "left_value", "right_type", "right_value", "rule")));

    Dataset<Row> shared = checkpoint(sharedDevices(rules));
    Dataset<Row> mappings = checkpoint(canonicalIds(nodes, graphEdges(rules, shared)));

    // materialised now: the old mappings are about to be overwritten
    Dataset<Row> updates = oldMappings == null ? null : checkpoint(changes(oldMappings, mappings, runId));
    long changed = updates == null ? 0 : updates.count();

    Dataset<Row> profiles = profiles(mappings);
    List<Runnable> writes = new ArrayList<>(List.of(
        () -> write(MERGE_RULES, rules, WriteMode.overwrite()),
        () -> write(SHARED, shared, WriteMode.overwrite()),
        () -> write(MAPPINGS, mappings, WriteMode.overwrite()),
        () -> write(PROFILES, profiles, WriteMode.overwrite())));
    if (updates != null && changed > 0) {
      writes.add(() -> write(GRAPH_UPDATES, updates, WriteMode.append()));
    }
    inParallel(writes);
    // the watermark goes last: a run that stops before here is redone in full by the next one
    long identifiers = mappings.count();
    long people = mappings.select("canonical_user_id").distinct().count();
    long sharedCount = shared.count();
    write(RUNS, context.spark().createDataFrame(List.of(RowFactory.create(runId, Instant.now(), newWatermark,
        newEvents, identifiers, people, changed, sharedCount)), RUNS_SCHEMA), WriteMode.append());
    events.unpersist();
    return new Summary(runId, newEvents, identifiers, people, changed, sharedCount, newWatermark);
  }

  private static final StructType RUNS_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType).add("finished_at", DataTypes.TimestampType)
      .add("watermark", DataTypes.TimestampType).add("new_events", DataTypes.LongType)
      .add("identifiers", DataTypes.LongType).add("people", DataTypes.LongType)
      .add("changed", DataTypes.LongType).add("shared_identifiers", DataTypes.LongType);

  /** The load time (uuid_ts) up to which events were read by the last run. */
  private Optional<Instant> watermark() {
    Dataset<Row> runs = existing(RUNS);
    if (runs == null) {
      return Optional.empty();
    }
    Row last = runs.agg(max("watermark")).first();
    return Optional.ofNullable(last.isNullAt(0) ? null : last.getAs(0));
  }

  /** anonymous_id, user_id, previous_id, email, ts, uuid_ts of every event loaded after the watermark. */
  private Dataset<Row> newEvents(Instant after) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String table : EVENT_TABLES) {
      TableId id = context.sourceTable(table);
      Optional<StructType> schema = context.warehouse().schema(id);
      if (schema.isEmpty()) {
        continue;
      }
      List<String> names = List.of(schema.get().fieldNames());
      Dataset<Row> rows = context.warehouse().read(id);
      if (after != null) {
        rows = rows.where(col("uuid_ts").gt(lit(after)));
      }
      parts.add(rows.select(
          column(names, "anonymous_id").as("anonymous_id"),
          column(names, "user_id").as("user_id"),
          column(names, "previous_id").as("previous_id"),
          (options.emailEdges() && table.equals("identifies") ? column(names, "email")
              : lit(null).cast(DataTypes.StringType)).as("email"),
          (names.contains("timestamp") ? coalesce(col("timestamp"), col("received_at")) : col("received_at")).as("ts"),
          col("uuid_ts")));
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("Source " + context.source() + " has no event tables to resolve identities from");
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part);
    }
    return all.select(allowed(col("anonymous_id")).as("anonymous_id"), allowed(col("user_id")).as("user_id"),
        allowed(col("previous_id")).as("previous_id"),
        allowed(lower(trim(col("email")))).as("email"), col("ts"), col("uuid_ts"));
  }

  private static Column column(List<String> names, String name) {
    return names.contains(name) ? col(name).cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType);
  }

  /** The value, or null when it is blocked. */
  private Column allowed(Column value) {
    Column blocked = value.isNull();
    if (!options.blockedValues().isEmpty()) {
      blocked = blocked.or(lower(trim(value)).isin(options.blockedValues().stream()
          .map(word -> word.toLowerCase(java.util.Locale.ROOT)).toArray()));
    }
    for (String pattern : options.blockedPatterns()) {
      blocked = blocked.or(value.rlike(pattern));
    }
    return when(blocked, lit(null)).otherwise(value);
  }

  private Dataset<Row> nodeObservations(Dataset<Row> events, Dataset<Row> oldMappings) {
    Dataset<Row> users = events.select(lit(IdentifierType.USER_ID.label()), col("user_id"), col("ts"));
    Dataset<Row> anons = events.select(lit(IdentifierType.ANONYMOUS_ID.label()), col("anonymous_id"), col("ts"));
    Dataset<Row> emails = events.select(lit(IdentifierType.EMAIL.label()), col("email"), col("ts"));
    Dataset<Row> previous = typedPreviousIds(events, oldMappings)
        .select(col("previous_type"), col("previous_id"), col("ts"));
    return users.union(anons).union(emails).union(previous).toDF("identifier_type", "identifier_value", "ts")
        .where(col("identifier_value").isNotNull())
        .groupBy("identifier_type", "identifier_value")
        .agg(min("ts").as("first_seen"), max("ts").as("last_seen"));
  }

  /** Alias rows with previous_id typed: a user id when it is known as one, else an anonymous id. */
  private Dataset<Row> typedPreviousIds(Dataset<Row> events, Dataset<Row> oldMappings) {
    Dataset<Row> aliases = events.where(col("previous_id").isNotNull().and(col("user_id").isNotNull()));
    Dataset<Row> knownUsers = events.where(col("user_id").isNotNull()).select(col("user_id").as("known"));
    if (oldMappings != null) {
      knownUsers = knownUsers.union(oldMappings.where(col("identifier_type").equalTo(IdentifierType.USER_ID.label()))
          .select(col("identifier_value").as("known")));
    }
    knownUsers = knownUsers.distinct();
    return aliases.join(knownUsers, aliases.col("previous_id").equalTo(knownUsers.col("known")), "left")
        .select(col("previous_id"), col("user_id"), col("ts"),
            when(col("known").isNotNull(), lit(IdentifierType.USER_ID.label()))
                .otherwise(lit(IdentifierType.ANONYMOUS_ID.label())).as("previous_type"));
  }

  private Dataset<Row> edgeObservations(Dataset<Row> events, Dataset<Row> oldMappings) {
    Dataset<Row> seenTogether = events.where(col("anonymous_id").isNotNull().and(col("user_id").isNotNull()))
        .select(lit(IdentifierType.ANONYMOUS_ID.label()), col("anonymous_id"), lit(IdentifierType.USER_ID.label()),
            col("user_id"), lit("anonymous_id"), col("ts"));
    Dataset<Row> aliases = typedPreviousIds(events, oldMappings)
        .select(col("previous_type"), col("previous_id"), lit(IdentifierType.USER_ID.label()), col("user_id"),
            lit("alias"), col("ts"));
    Dataset<Row> emails = events.where(col("email").isNotNull().and(col("user_id").isNotNull()))
        .select(lit(IdentifierType.EMAIL.label()), col("email"), lit(IdentifierType.USER_ID.label()), col("user_id"),
            lit("email"), col("ts"));
    return seenTogether.union(aliases).union(emails)
        .toDF("left_type", "left_value", "right_type", "right_value", "rule", "ts")
        .where(col("left_value").notEqual(col("right_value")).or(col("left_type").notEqual(col("right_type"))))
        .groupBy("left_type", "left_value", "right_type", "right_value", "rule")
        .agg(min("ts").as("first_seen"), max("ts").as("last_seen"));
  }

  /** Stored rows and new observations of the same keys become one row: earliest first, latest last. */
  private static Dataset<Row> mergeObservations(Dataset<Row> stored, Dataset<Row> observed, List<String> keys) {
    Dataset<Row> all = stored == null ? observed : stored.selectExpr(observed.columns()).unionByName(observed);
    return all.groupBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .agg(min("first_seen").as("first_seen"), max("last_seen").as("last_seen"));
  }

  /** Anonymous ids seen with more distinct user ids than allowed. */
  private Dataset<Row> sharedDevices(Dataset<Row> rules) {
    return rules.where(col("rule").equalTo("anonymous_id"))
        .groupBy(col("left_type").as("identifier_type"), col("left_value").as("identifier_value"))
        .agg(countDistinct("right_value").as("distinct_user_ids"), min("first_seen").as("first_seen"),
            max("last_seen").as("last_seen"))
        .where(col("distinct_user_ids").gt(options.sharedDeviceMaxUsers()));
  }

  /**
   * The edges that join people: every alias and email rule, and for each anonymous id that is
   * not a shared device, the user id it was first seen with.
   */
  private Dataset<Row> graphEdges(Dataset<Row> rules, Dataset<Row> shared) {
    Dataset<Row> device = rules.where(col("rule").equalTo("anonymous_id"))
        .join(shared, rules.col("left_value").equalTo(shared.col("identifier_value")), "left_anti");
    Dataset<Row> firstUser = device.withColumn("rank", row_number().over(
            Window.partitionBy("left_value").orderBy(col("first_seen"), col("right_value"))))
        .where(col("rank").equalTo(1));
    Dataset<Row> explicit = options.emailEdges() ? rules.where(col("rule").isin("alias", "email"))
        : rules.where(col("rule").equalTo("alias"));
    return firstUser.select("left_type", "left_value", "right_type", "right_value")
        .union(explicit.select("left_type", "left_value", "right_type", "right_value"));
  }

  /** Components, each named by its earliest-seen identifier (ties: user id first, then the value). */
  private Dataset<Row> canonicalIds(Dataset<Row> nodes, Dataset<Row> edges) {
    Dataset<Row> numbered = checkpoint(nodes.withColumn("id", monotonically_increasing_id()));
    Dataset<Row> left = numbered.select(col("identifier_type").as("lt"), col("identifier_value").as("lv"),
        col("id").as("src"));
    Dataset<Row> right = numbered.select(col("identifier_type").as("rt"), col("identifier_value").as("rv"),
        col("id").as("dst"));
    Dataset<Row> idEdges = edges
        .join(left, edges.col("left_type").equalTo(left.col("lt")).and(edges.col("left_value").equalTo(left.col("lv"))))
        .join(right, edges.col("right_type").equalTo(right.col("rt"))
            .and(edges.col("right_value").equalTo(right.col("rv"))))
        .select("src", "dst");
    Dataset<Row> components = ConnectedComponents.of(numbered.select("id"), idEdges);
    Column rank = when(col("identifier_type").equalTo(IdentifierType.USER_ID.label()), lit(0))
        .when(col("identifier_type").equalTo(IdentifierType.ANONYMOUS_ID.label()), lit(1)).otherwise(lit(2));
    Dataset<Row> labelled = numbered.join(components, "id");
    Dataset<Row> canonical = labelled
        .groupBy("component")
        .agg(min(struct(col("first_seen"), rank.as("rank"), col("identifier_value"))).as("earliest"))
        .select(col("component"), col("earliest.identifier_value").as("canonical_user_id"));
    return labelled.join(canonical, "component")
        .select(col("identifier_type"), col("identifier_value"), col("canonical_user_id"), col("first_seen"),
            col("last_seen"));
  }

  private Dataset<Row> changes(Dataset<Row> before, Dataset<Row> after, String runId) {
    Dataset<Row> old = before.select(col("identifier_type"), col("identifier_value"),
        col("canonical_user_id").as("previous_canonical_user_id"));
    return after.join(old, scalaSeq("identifier_type", "identifier_value"))
        .where(col("canonical_user_id").notEqual(col("previous_canonical_user_id")))
        .select(lit(runId).as("run_id"), col("identifier_type"), col("identifier_value"),
            col("previous_canonical_user_id"), col("canonical_user_id"), current_timestamp().as("changed_at"));
  }

  /** One row per person: their identifiers, when they were seen, and the latest traits of their user ids. */
  private Dataset<Row> profiles(Dataset<Row> mappings) {
    Dataset<Row> people = mappings.groupBy("canonical_user_id").agg(
        sort_array(collect_set(when(col("identifier_type").equalTo(IdentifierType.USER_ID.label()),
            col("identifier_value")))).as("user_ids"),
        sort_array(collect_set(when(col("identifier_type").equalTo(IdentifierType.ANONYMOUS_ID.label()),
            col("identifier_value")))).as("anonymous_ids"),
        sort_array(collect_set(when(col("identifier_type").equalTo(IdentifierType.EMAIL.label()),
            col("identifier_value")))).as("emails"),
        count("*").as("identifiers"),
        min("first_seen").as("first_seen"), max("last_seen").as("last_seen"));
    TableId users = context.sourceTable("users");
    Optional<StructType> usersSchema = context.warehouse().schema(users);
    if (usersSchema.isEmpty()) {
      return people;
    }
    List<String> traits = new ArrayList<>(List.of(usersSchema.get().fieldNames()));
    traits.removeAll(List.of("id", "received_at", "uuid_ts", "canonical_user_id", "user_ids", "anonymous_ids",
        "emails", "identifiers", "first_seen", "last_seen"));
    Dataset<Row> userMappings = mappings.where(col("identifier_type").equalTo(IdentifierType.USER_ID.label()))
        .select(col("identifier_value").as("_uid"), col("canonical_user_id"));
    Dataset<Row> usersOfPeople = context.warehouse().read(users)
        .join(userMappings, col("id").equalTo(col("_uid")));
    Dataset<Row> latest = LatestTraits.of(usersOfPeople, col("canonical_user_id"), col("received_at"), col("id"), traits)
        .drop(LatestTraits.LATEST, LatestTraits.EARLIEST)
        .withColumnRenamed(LatestTraits.KEY, "canonical_user_id");
    return people.join(latest, scalaSeq("canonical_user_id"), "left");
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toSeq();
  }

  /** The tables are independent: their commits overlap instead of queueing. */
  private static void inParallel(List<Runnable> writes) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writes.size());
    try {
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (Runnable write : writes) {
        running.add(pool.submit(write));
      }
      for (java.util.concurrent.Future<?> write : running) {
        try {
          write.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while writing identity tables", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Dataset<Row> existing(String table) {
    TableId id = context.modelTable(table);
    return context.exists(id) ? context.warehouse().read(id) : null;
  }

  private void write(String table, Dataset<Row> rows, WriteMode mode) {
    context.warehouse().write(context.modelTable(table), rows, mode);
  }

  private static Dataset<Row> checkpoint(Dataset<Row> data) {
    boolean reliable = data.sparkSession().sparkContext().getCheckpointDir().isDefined();
    return reliable ? data.checkpoint(true) : data.localCheckpoint(true);
  }
}
