package io.roundtrip.loaders.load;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.roundtrip.loaders.event.Columns;
import io.roundtrip.warehouse.LatestTraits;
import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Merges a load's identify (or group) rows into {@code users} (or {@code accounts}): one row per
 * id, each trait column holding its latest non-null value by {@code received_at} (ties broken by
 * messageId, so the result does not depend on file order).
 *
 * <p>The table keeps only the latest values and the row's latest {@code received_at}. When all of
 * an id's new events are at least that recent, a trait is replaced exactly when the load has a
 * non-null value for it: {@code coalesce(new, old)}. When some are older (late or backfilled
 * data), the row alone cannot tell which value is later, so that id's traits are recomputed from
 * its full history in the source table.
 */
final class ProfileMerge {

  private static final String EXACT = "_exact";
  private static final String MIN_RECEIVED_AT = "_min_received_at";

  private final Warehouse warehouse;
  private final String source;
  private final Profiles profile;
  private final TableId target;
  private final List<String> columns;
  private final List<String> traits;

  /**
   * @param columns the target's columns after this load: id, received_at, uuid_ts and the traits
   *     (every trait is a column of the source table too)
   */
  ProfileMerge(Warehouse warehouse, String source, Profiles profile, List<String> columns) {
    this.warehouse = warehouse;
    this.source = source;
    this.profile = profile;
    this.target = new TableId(source, profile.table());
    this.columns = columns;
    this.traits = new ArrayList<>(columns);
    this.traits.removeAll(List.of(Columns.ID, Columns.RECEIVED_AT, Columns.UUID_TS));
  }

  /** Creates the target from the load's rows alone; returns the number of rows. */
  long create(Dataset<Row> batch, Instant loadTime) {
    Dataset<Row> rows = latestTraits(batch, profile, traits).withColumn(Columns.UUID_TS, lit(loadTime))
        .select(columns.stream().map(c -> col(quote(c))).toArray(Column[]::new));
    return warehouse.write(target, rows, WriteMode.append());
  }

  /**
   * Merges the load's rows into the existing target.
   *
   * @param batch the load's identify (or group) rows, as in the source table
   */
  MergeCounts merge(Dataset<Row> batch, Instant loadTime) {
    Dataset<Row> latest = latestTraits(batch, profile, traits);
    Dataset<Row> existing = warehouse.read(target);
    Dataset<Row> lateIds = latest
        .join(existing.select(col(Columns.ID), col(Columns.RECEIVED_AT).as("_t_received_at")), Columns.ID)
        .where(col(MIN_RECEIVED_AT).lt(col("_t_received_at")))
        .select(Columns.ID);
    Dataset<Row> history = warehouse.read(new TableId(source, profile.source().table()));
    Dataset<Row> recomputed = latestTraits(
        history.join(lateIds, history.col(profile.keyColumn()).equalTo(lateIds.col(Columns.ID)), "left_semi"),
        profile, traits);
    Dataset<Row> merged = latest.join(lateIds, latest.col(Columns.ID).equalTo(lateIds.col(Columns.ID)), "left_anti")
        .withColumn(EXACT, lit(false))
        .unionByName(recomputed.withColumn(EXACT, lit(true)));
    merged = merged.withColumn(Columns.UUID_TS, lit(loadTime));
    return warehouse.merge(target, merged, spec(traits));
  }

  /** Per id: the latest received_at, the earliest one, and each trait's latest non-null value. */
  private static Dataset<Row> latestTraits(Dataset<Row> rows, Profiles profile, List<String> traits) {
    return LatestTraits.of(rows, col(profile.keyColumn()), col(Columns.RECEIVED_AT), col(Columns.ID), traits)
        .withColumnRenamed(LatestTraits.KEY, Columns.ID)
        .withColumnRenamed(LatestTraits.LATEST, Columns.RECEIVED_AT)
        .withColumnRenamed(LatestTraits.EARLIEST, MIN_RECEIVED_AT);
  }

  private static MergeSpec spec(List<String> traits) {
    Map<String, String> exact = new LinkedHashMap<>();
    Map<String, String> newer = new LinkedHashMap<>();
    Map<String, String> insert = new LinkedHashMap<>();
    insert.put(Columns.ID, "s.id");
    for (String name : List.of(Columns.RECEIVED_AT, Columns.UUID_TS)) {
      exact.put(name, "s." + name);
      insert.put(name, "s." + name);
    }
    newer.put(Columns.RECEIVED_AT, "greatest(t.received_at, s.received_at)");
    newer.put(Columns.UUID_TS, "s.uuid_ts");
    for (String trait : traits) {
      String s = "s." + quote(trait);
      String t = "t." + quote(trait);
      exact.put(trait, s);
      insert.put(trait, s);
      newer.put(trait, "coalesce(" + s + ", " + t + ")");
    }
    return new MergeSpec(List.of(Columns.ID),
        List.of(new MergeSpec.WhenMatched("s." + EXACT, exact), new MergeSpec.WhenMatched(null, newer)), insert);
  }

  private static String quote(String column) {
    return "`" + column + "`";
  }
}
