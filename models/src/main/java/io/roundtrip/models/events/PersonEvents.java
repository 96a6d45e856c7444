package io.roundtrip.models.events;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

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
   * @param refundEvents track events that take back some or all of a revenue event's value, by its
   *     {@code order_id} (see {@link OrderRefunds}); empty for none
   */
  public record Spec(Set<String> properties, Set<String> ownTableEvents, String revenueEvent,
      List<String> revenueColumns, List<String> refundEvents) implements Serializable {
    public Spec {
      properties = Set.copyOf(properties);
      ownTableEvents = new LinkedHashSet<>(ownTableEvents);
      if (revenueEvent != null) {
        ownTableEvents.add(revenueEvent);
      }
      ownTableEvents = Set.copyOf(ownTableEvents);
      revenueColumns = List.copyOf(revenueColumns);
      refundEvents = refundEvents == null ? OrderRefunds.DEFAULT_EVENTS : List.copyOf(refundEvents);
    }

    /** With the default refund events ({@link OrderRefunds#DEFAULT_EVENTS}). */
    public Spec(Set<String> properties, Set<String> ownTableEvents, String revenueEvent, List<String> revenueColumns) {
      this(properties, ownTableEvents, revenueEvent, revenueColumns, null);
    }

    /** True when events read for this spec carry everything {@code other} needs. */
    boolean covers(Spec other) {
      return properties.containsAll(other.properties) && ownTableEvents.containsAll(other.ownTableEvents)
          && sameRevenue(other);
    }

    /** A spec that covers both (null when their revenue differs, so no one read can serve both). */
    public Spec union(Spec other) {
      if (!sameRevenue(other)) {
        return null;
      }
      Set<String> allProperties = new LinkedHashSet<>(properties);
      allProperties.addAll(other.properties);
      Set<String> allOwn = new LinkedHashSet<>(ownTableEvents);
      allOwn.addAll(other.ownTableEvents);
      return new Spec(allProperties, allOwn, revenueEvent, revenueColumns, refundEvents);
    }

    private boolean sameRevenue(Spec other) {
      return Objects.equals(revenueEvent, other.revenueEvent) && revenueColumns.equals(other.revenueColumns)
          && refundEvents.equals(other.refundEvents);
    }

    /** The refund properties an amount is read from: the value columns, then {@code value}. */
    List<String> refundAmountColumns() {
      List<String> columns = new ArrayList<>(revenueColumns);
      if (!columns.contains(OrderRefunds.VALUE)) {
        columns.add(OrderRefunds.VALUE);
      }
      return List.copyOf(columns);
    }
  }

  private static final List<String> FIELDS = List.of("timestamp", "kind", "name", "path", "url", "properties", "revenue");

  /** The column of {@link #events} that says an order was fully refunded or cancelled. */
  public static final String FULLY_REFUNDED = "fully_refunded";

  /** The column refunds name their order by (Segment's {@code order_id}, or v1's {@code orderId}). */
  static final String ORDER_ID = "order_id";

  /** The product fields refunds are valued by; v1 of the spec names the product id {@code id}. */
  private static final ArrayType PRODUCTS = DataTypes.createArrayType(new StructType()
      .add("product_id", DataTypes.StringType).add("sku", DataTypes.StringType).add("id", DataTypes.StringType)
      .add("price", DataTypes.DoubleType).add("quantity", DataTypes.DoubleType));

  private static final StructType OUTCOME = new StructType().add("value", DataTypes.DoubleType, false)
      .add("fully_refunded", DataTypes.BooleanType, false);

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

  /**
   * canonical_user_id, timestamp, kind, name, path, url, properties, revenue, fully_refunded. The
   * revenue event's revenue is what its refunds left of it (see {@link OrderRefunds}), and
   * fully_refunded says that nothing was left; both are 0 and false on other events.
   */
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
    Column valueColumn = lit(null).cast(DataTypes.StringType);
    if (revenue) {
      List<String> present = spec.revenueColumns().stream().filter(columns::contains).toList();
      if (!present.isEmpty()) {
        List<Column> withZero = new ArrayList<>(present.stream()
            .map(c -> col("`" + c + "`").cast(DataTypes.DoubleType)).toList());
        withZero.add(lit(0.0));
        revenueValue = coalesce(withZero.toArray(new Column[0]));
        valueColumn = coalesce(present.stream()
            .map(c -> when(col("`" + c + "`").cast(DataTypes.DoubleType).isNotNull(), lit(c))).toArray(Column[]::new));
      }
    }
    List<Column> selected = new ArrayList<>(List.of(
        optional(columns, "user_id"), optional(columns, "anonymous_id"),
        coalesce(columns.contains("timestamp") ? col("timestamp") : col("received_at"), col("received_at")).as("timestamp"),
        lit(kind).as("kind"), optional(columns, nameColumn).as("name"),
        coalesce(optional(columns, "path"), optional(columns, "context_page_path")).as("path"),
        coalesce(optional(columns, "url"), optional(columns, "context_page_url")).as("url"),
        properties.as("properties"), revenueValue.as("revenue"), lit(false).as(FULLY_REFUNDED)));
    Optional<Dataset<Row>> refunds = revenue && columns.contains(ORDER_ID) ? refundsByOrder(spec) : Optional.empty();
    if (refunds.isEmpty()) {
      return context.warehouse().read(id).select(selected.toArray(Column[]::new));
    }
    selected.add(col(ORDER_ID).cast(DataTypes.StringType).as("_order_id"));
    selected.add(valueColumn.as("_value_column"));
    selected.add(products(columns).as("_order_products"));
    Dataset<Row> orders = context.warehouse().read(id).select(selected.toArray(Column[]::new));
    Column outcome = refundOutcome(spec.refundAmountColumns())
        .apply(col("revenue"), col("_value_column"), col("_order_products"), col("_refunds"));
    return orders.join(refunds.get(), orders.col("_order_id").equalTo(refunds.get().col("_refund_order_id")), "left")
        .withColumn("_outcome", outcome)
        .withColumn("revenue", col("_outcome.value"))
        .withColumn(FULLY_REFUNDED, col("_outcome.fully_refunded"))
        .drop("_order_id", "_value_column", "_order_products", "_refund_order_id", "_refunds", "_outcome");
  }

  /**
   * The refund events of the source per order: {@code _refund_order_id}, {@code _refunds} (each
   * with its money properties and products); empty when the source has none of them.
   */
  private Optional<Dataset<Row>> refundsByOrder(Spec spec) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String event : spec.refundEvents()) {
      Optional<String> table = names.eventTableName(event);
      if (event.equals(spec.revenueEvent()) || table.isEmpty() || !context.exists(context.sourceTable(table.get()))) {
        continue;
      }
      TableId id = context.sourceTable(table.get());
      List<String> columns = List.of(context.warehouse().schema(id).orElseThrow().fieldNames());
      if (!columns.contains(ORDER_ID)) {
        continue; // nothing to match an order by
      }
      List<String> named = spec.refundAmountColumns().stream().filter(columns::contains).toList();
      Column amounts = map_from_arrays(
          named.isEmpty() ? array().cast("array<string>") : array(named.stream().map(c -> lit(c)).toArray(Column[]::new)),
          named.isEmpty() ? array().cast("array<double>")
              : array(named.stream().map(c -> col("`" + c + "`").cast(DataTypes.DoubleType)).toArray(Column[]::new)));
      parts.add(context.warehouse().read(id).where(col(ORDER_ID).isNotNull()).select(
          col(ORDER_ID).cast(DataTypes.StringType).as("_refund_order_id"),
          struct(lit(event.equals(OrderRefunds.CANCELLED)).as("cancellation"), amounts.as("amounts"),
              products(columns).as("products")).as("_refund")));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part);
    }
    return Optional.of(all.groupBy("_refund_order_id").agg(collect_list("_refund").as("_refunds")));
  }

  /** The {@code products} array of an e-commerce event (JSON text in the warehouse), or null. */
  private static Column products(List<String> columns) {
    return columns.contains("products")
        ? from_json(col("products").cast(DataTypes.StringType), PRODUCTS)
        : lit(null).cast(PRODUCTS);
  }

  /** value and fully_refunded of an order given its refunds, by {@link OrderRefunds#apply}. */
  private static UserDefinedFunction refundOutcome(List<String> amountColumns) {
    return udf((UDF4<Double, String, Seq<Row>, Seq<Row>, Row>) (value, valueColumn, orderProducts, refunds) -> {
      List<OrderRefunds.Refund> parsed = new ArrayList<>();
      if (refunds != null) {
        for (Row refund : CollectionConverters.asJava(refunds)) {
          Map<String, Double> amounts = new HashMap<>();
          if (!refund.isNullAt(1)) {
            refund.<String, Double>getJavaMap(1).forEach((k, v) -> {
              if (v != null) {
                amounts.put(k, v);
              }
            });
          }
          parsed.add(new OrderRefunds.Refund(refund.getBoolean(0), amounts,
              lines(refund.isNullAt(2) ? null : refund.getList(2))));
        }
      }
      OrderRefunds.Outcome outcome = OrderRefunds.apply(new OrderRefunds.Order(value == null ? 0 : value, valueColumn,
          lines(orderProducts == null ? null : CollectionConverters.asJava(orderProducts))), parsed, amountColumns);
      return RowFactory.create(outcome.value(), outcome.fullyRefunded());
    }, OUTCOME);
  }

  private static List<OrderRefunds.Line> lines(List<Row> products) {
    List<OrderRefunds.Line> lines = new ArrayList<>();
    if (products != null) {
      for (Row p : products) {
        if (p != null) {
          String productId = p.isNullAt(0) ? (p.isNullAt(2) ? null : p.getString(2)) : p.getString(0);
          lines.add(new OrderRefunds.Line(productId, p.isNullAt(1) ? null : p.getString(1),
              p.isNullAt(3) ? null : p.getDouble(3), p.isNullAt(4) ? null : p.getDouble(4)));
        }
      }
    }
    return lines;
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
