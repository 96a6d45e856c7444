package io.roundtrip.models.events;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;

import io.roundtrip.models.ModelContext;
import io.roundtrip.models.identity.IdentifierType;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A source's track, page and screen events as the funnel and attribution models see them: one
 * row per event with the person's canonical id, or one row per person with all their events.
 *
 * <p>The canonical id comes from {@code identity_mappings} when the identity model has run (user
 * id first, then anonymous id), else it is the user id or, failing that, the anonymous id. Track
 * events that need their properties (funnel filters, revenue) are read from their own tables,
 * the others from {@code tracks}.
 */
public final class PersonEvents {

  /**
   * What to carry.
   *
   * @param properties columns to put in each event's properties map, where the table has them
   * @param ownTableEvents track events (as sent, e.g. "Order Completed") to read from their own
   *     tables, because a property of theirs is needed
   * @param revenueEvent the track event whose revenue counts, or null
   * @param revenueColumns the revenue event's columns to take the value from, first non-null wins
   */
  public record Spec(Set<String> properties, Set<String> ownTableEvents, String revenueEvent,
      List<String> revenueColumns) implements Serializable {
    public Spec {
      properties = Set.copyOf(properties);
      ownTableEvents = new LinkedHashSet<>(ownTableEvents);
      if (revenueEvent != null) {
        ownTableEvents.add(revenueEvent);
      }
      ownTableEvents = Set.copyOf(ownTableEvents);
      revenueColumns = List.copyOf(revenueColumns);
    }

    /** True when events read for this spec carry everything {@code other} needs. */
    boolean covers(Spec other) {
      return properties.containsAll(other.properties) && ownTableEvents.containsAll(other.ownTableEvents)
          && Objects.equals(revenueEvent, other.revenueEvent) && revenueColumns.equals(other.revenueColumns);
    }

    /** A spec that covers both (null when their revenue events differ, so no one read can serve both). */
    public Spec union(Spec other) {
      if (!Objects.equals(revenueEvent, other.revenueEvent) || !revenueColumns.equals(other.revenueColumns)) {
        return null;
      }
      Set<String> allProperties = new LinkedHashSet<>(properties);
      allProperties.addAll(other.properties);
      Set<String> allOwn = new LinkedHashSet<>(ownTableEvents);
      allOwn.addAll(other.ownTableEvents);
      return new Spec(allProperties, allOwn, revenueEvent, revenueColumns);
    }
  }

  private static final List<String> FIELDS = List.of("timestamp", "kind", "name", "path", "url", "properties", "revenue");

  private final ModelContext context;
  private final NameRules names = new NameRules(Dialect.DELTA);
  private Spec cachedSpec;
  private Dataset<Row> cached;

  public PersonEvents(ModelContext context) {
    this.context = context;
  }

  /**
   * Keeps {@link #byPerson} for this spec in memory, to serve every later call whose spec it
   * covers: the funnels and attribution then group a source's events once between them.
   */
  public void cache(Spec spec) {
    release();
    cached = group(spec).persist(StorageLevel.MEMORY_AND_DISK());
    cachedSpec = spec;
  }

  public void release() {
    if (cached != null) {
      cached.unpersist();
    }
    cached = null;
    cachedSpec = null;
  }

  /** canonical_user_id, timestamp, kind, name, path, url, properties, revenue. */
  public Dataset<Row> events(Spec spec) {
    List<Dataset<Row>> parts = new ArrayList<>();
    List<String> fromOwnTables = new ArrayList<>();
    for (String event : spec.ownTableEvents()) {
      Optional<String> table = names.eventTableName(event);
      if (table.isPresent() && context.exists(context.sourceTable(table.get()))) {
        parts.add(select(table.get(), "track", "event_text", spec, event.equals(spec.revenueEvent())));
        fromOwnTables.add(event);
      }
    }
    if (context.exists(context.sourceTable("tracks"))) {
      Dataset<Row> tracks = select("tracks", "track", "event_text", spec, false);
      parts.add(fromOwnTables.isEmpty() ? tracks : tracks.where(not(col("name").isin(fromOwnTables.toArray()))));
    }
    for (String table : List.of("pages", "screens")) {
      if (context.exists(context.sourceTable(table))) {
        parts.add(select(table, table.equals("pages") ? "page" : "screen", "name", spec, false));
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("Source " + context.source() + " has no tracks, pages or screens");
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part);
    }
    return withCanonicalIds(all).drop("user_id", "anonymous_id");
  }

  /** canonical_user_id, events: every event of the person (unsorted: see {@link #touchEvents}). */
  public Dataset<Row> byPerson(Spec spec) {
    return cachedSpec != null && cachedSpec.covers(spec) ? cached : group(spec);
  }

  private Dataset<Row> group(Spec spec) {
    return events(spec).groupBy("canonical_user_id")
        .agg(collect_list(struct(FIELDS.stream().map(f -> col(f)).toArray(Column[]::new))).as("events"));
  }

  /** A {@link #byPerson} row's events, sorted by time (ties in a fixed order, so results repeat). */
  public static List<TouchEvent> touchEvents(Row person) {
    List<Row> rows = person.getList(person.fieldIndex("events"));
    List<TouchEvent> events = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Map<String, String> properties = r.isNullAt(5) ? Map.of() : r.getJavaMap(5);
      events.add(new TouchEvent(instant(r.get(0)), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
          properties, r.isNullAt(6) ? 0 : r.getDouble(6)));
    }
    events.sort(Comparator.comparing(TouchEvent::timestamp)
        .thenComparing(TouchEvent::kind)
        .thenComparing(e -> Objects.toString(e.name(), ""))
        .thenComparing(e -> Objects.toString(e.path(), ""))
        .thenComparing(e -> Objects.toString(e.url(), "")));
    return events;
  }

  private Dataset<Row> select(String table, String kind, String nameColumn, Spec spec, boolean revenue) {
    TableId id = context.sourceTable(table);
    StructType schema = context.warehouse().schema(id).orElseThrow();
    List<String> columns = List.of(schema.fieldNames());
    List<Column> keys = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (String property : spec.properties()) {
      if (columns.contains(property)) {
        keys.add(lit(property));
        values.add(col("`" + property + "`").cast(DataTypes.StringType));
      }
    }
    Column properties = keys.isEmpty()
        ? map_from_arrays(array().cast("array<string>"), array().cast("array<string>"))
        : map_from_arrays(array(keys.toArray(new Column[0])), array(values.toArray(new Column[0])));
    Column revenueValue = lit(0.0);
    if (revenue) {
      List<Column> candidates = spec.revenueColumns().stream().filter(columns::contains)
          .map(c -> col("`" + c + "`").cast(DataTypes.DoubleType)).toList();
      if (!candidates.isEmpty()) {
        List<Column> withZero = new ArrayList<>(candidates);
        withZero.add(lit(0.0));
        revenueValue = coalesce(withZero.toArray(new Column[0]));
      }
    }
    return context.warehouse().read(id).select(
        optional(columns, "user_id"), optional(columns, "anonymous_id"),
        coalesce(columns.contains("timestamp") ? col("timestamp") : col("received_at"), col("received_at")).as("timestamp"),
        lit(kind).as("kind"), optional(columns, nameColumn).as("name"),
        coalesce(optional(columns, "path"), optional(columns, "context_page_path")).as("path"),
        coalesce(optional(columns, "url"), optional(columns, "context_page_url")).as("url"),
        properties.as("properties"), revenueValue.as("revenue"));
  }

  private static Column optional(List<String> columns, String name) {
    return (columns.contains(name) ? col(name).cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType))
        .as(name);
  }

  /** Adds canonical_user_id: from the identity mappings when they exist. */
  public Dataset<Row> withCanonicalIds(Dataset<Row> rows) {
    TableId mappings = context.modelTable(IdentityJob.MAPPINGS);
    if (!context.exists(mappings)) {
      return rows.withColumn("canonical_user_id", coalesce(col("user_id"), col("anonymous_id")));
    }
    Dataset<Row> all = context.warehouse().read(mappings);
    Dataset<Row> users = all.where(col("identifier_type").equalTo(IdentifierType.USER_ID.label()))
        .select(col("identifier_value").as("_user"), col("canonical_user_id").as("_by_user"));
    Dataset<Row> anons = all.where(col("identifier_type").equalTo(IdentifierType.ANONYMOUS_ID.label()))
        .select(col("identifier_value").as("_anon"), col("canonical_user_id").as("_by_anon"));
    return rows.join(users, rows.col("user_id").equalTo(users.col("_user")), "left")
        .join(anons, rows.col("anonymous_id").equalTo(anons.col("_anon")), "left")
        .withColumn("canonical_user_id", coalesce(col("_by_user"), col("_by_anon"), col("user_id"), col("anonymous_id")))
        .drop("_user", "_by_user", "_anon", "_by_anon");
  }

  /** Time of an event as Spark hands it back. */
  static Instant instant(Object value) {
    return value instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) value;
  }
}
