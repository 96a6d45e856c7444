package io.roundtrip.models.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The observe phase: what the events loaded since the last run say about identifiers. Every
 * identifier seen (with its first and last time seen) and every pair seen together, as rows of the
 * stored tables' keys, so a run merges them into what it stored before.
 */
final class Observations {

  /** Tables whose events carry both an anonymous id and a user id. */
  static final List<String> EVENT_TABLES = List.of("identifies", "tracks", "pages", "screens", "groups", "aliases");

  private final ModelContext context;
  private final IdentityOptions options;

  Observations(ModelContext context, IdentityOptions options) {
    this.context = context;
    this.options = options;
  }

  /** anonymous_id, user_id, previous_id, email, ts, uuid_ts of every event loaded after {@code after}. */
  Dataset<Row> newEvents(Instant after) {
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
          .map(word -> word.toLowerCase(Locale.ROOT)).toArray()));
    }
    for (String pattern : options.blockedPatterns()) {
      blocked = blocked.or(value.rlike(pattern));
    }
    return when(blocked, lit(null)).otherwise(value);
  }

  /**
   * What the events say: {@code identifiers} (identifier_type, identifier_value, first_seen,
   * last_seen of every identifier they name) and {@code pairs} (left_type, left_value, right_type,
   * right_value, rule, first_seen, last_seen of every pair seen together), both materialised.
   *
   * @param knownMappings the stored mappings, whose user ids type an alias's previous_id; null to
   *     type it by the events alone
   */
  Seen observe(Dataset<Row> events, Dataset<Row> knownMappings) {
    Dataset<Row> aliases = Checkpoints.cut(typedPreviousIds(events, knownMappings));
    return new Seen(Checkpoints.cut(identifiers(events, aliases)), Checkpoints.cut(pairs(events, aliases)));
  }

  record Seen(Dataset<Row> identifiers, Dataset<Row> pairs) {}

  private static Dataset<Row> identifiers(Dataset<Row> events, Dataset<Row> aliases) {
    Dataset<Row> users = events.select(lit(IdentifierType.USER_ID.label()), col("user_id"), col("ts"));
    Dataset<Row> anons = events.select(lit(IdentifierType.ANONYMOUS_ID.label()), col("anonymous_id"), col("ts"));
    Dataset<Row> emails = events.select(lit(IdentifierType.EMAIL.label()), col("email"), col("ts"));
    Dataset<Row> previous = aliases.select(col("previous_type"), col("previous_id"), col("ts"));
    return users.union(anons).union(emails).union(previous).toDF("identifier_type", "identifier_value", "ts")
        .where(col("identifier_value").isNotNull())
        .groupBy("identifier_type", "identifier_value")
        .agg(min("ts").as("first_seen"), max("ts").as("last_seen"));
  }

  private static Dataset<Row> pairs(Dataset<Row> events, Dataset<Row> aliases) {
    Dataset<Row> seenTogether = events.where(col("anonymous_id").isNotNull().and(col("user_id").isNotNull()))
        .select(lit(IdentifierType.ANONYMOUS_ID.label()), col("anonymous_id"), lit(IdentifierType.USER_ID.label()),
            col("user_id"), lit(IdentityGraph.DEVICE_RULE), col("ts"));
    Dataset<Row> aliased = aliases
        .select(col("previous_type"), col("previous_id"), lit(IdentifierType.USER_ID.label()), col("user_id"),
            lit(IdentityGraph.ALIAS_RULE), col("ts"));
    Dataset<Row> emails = events.where(col("email").isNotNull().and(col("user_id").isNotNull()))
        .select(lit(IdentifierType.EMAIL.label()), col("email"), lit(IdentifierType.USER_ID.label()), col("user_id"),
            lit(IdentityGraph.EMAIL_RULE), col("ts"));
    return seenTogether.union(aliased).union(emails)
        .toDF("left_type", "left_value", "right_type", "right_value", "rule", "ts")
        .where(col("left_value").notEqual(col("right_value")).or(col("left_type").notEqual(col("right_type"))))
        .groupBy("left_type", "left_value", "right_type", "right_value", "rule")
        .agg(min("ts").as("first_seen"), max("ts").as("last_seen"));
  }

  /** Alias rows with previous_id typed: a user id when it is known as one, else an anonymous id. */
  private static Dataset<Row> typedPreviousIds(Dataset<Row> events, Dataset<Row> knownMappings) {
    Dataset<Row> aliases = events.where(col("previous_id").isNotNull().and(col("user_id").isNotNull()));
    Dataset<Row> knownUsers = events.where(col("user_id").isNotNull()).select(col("user_id").as("known"));
    if (knownMappings != null) {
      knownUsers = knownUsers.union(knownMappings.where(col("identifier_type").equalTo(IdentifierType.USER_ID.label()))
          .select(col("identifier_value").as("known")));
    }
    // only the aliases' previous ids are looked up: a filter on the scan, not a distinct of every user id
    Dataset<Row> previousIds = aliases.select(col("previous_id").as("known"));
    knownUsers = knownUsers.join(previousIds, Checkpoints.seq(List.of("known")), "left_semi").distinct();
    return aliases.join(knownUsers, aliases.col("previous_id").equalTo(knownUsers.col("known")), "left")
        .select(col("previous_id"), col("user_id"), col("ts"),
            when(col("known").isNotNull(), lit(IdentifierType.USER_ID.label()))
                .otherwise(lit(IdentifierType.ANONYMOUS_ID.label())).as("previous_type"));
  }
}
