package io.roundtrip.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rule behind {@code users}, {@code accounts} and model profiles: per key, each column's
 * latest non-null value by time, ties broken by a second column so the result does not depend on
 * the order rows arrive in.
 */
public final class LatestTraits {

  /** Output column holding the key. */
  public static final String KEY = "_key";
  /** Output column holding the latest time seen for the key. */
  public static final String LATEST = "_latest";
  /** Output column holding the earliest time seen for the key. */
  public static final String EARLIEST = "_earliest";

  private LatestTraits() {}

  /**
   * Rows with a null key are left out. The result has {@link #KEY}, {@link #LATEST},
   * {@link #EARLIEST}, then the columns under their own names.
   */
  public static Dataset<Row> of(Dataset<Row> rows, Column key, Column time, Column tiebreak, List<String> columns) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(min(time).as(EARLIEST));
    for (int i = 0; i < columns.size(); i++) {
      Column value = col("`" + columns.get(i) + "`");
      // max over (time, tiebreak, value) structs of the non-null values: the latest one
      aggregates.add(max(when(value.isNotNull(), struct(time.as("t"), tiebreak.as("k"), value.as("v")))).as("_l" + i));
    }
    Dataset<Row> grouped = rows.where(key.isNotNull()).groupBy(key.as(KEY))
        .agg(max(time).as(LATEST), aggregates.toArray(new Column[0]));
    List<Column> select = new ArrayList<>(List.of(col(KEY), col(LATEST), col(EARLIEST)));
    for (int i = 0; i < columns.size(); i++) {
      select.add(col("_l" + i + ".v").as(columns.get(i)));
    }
    return grouped.select(select.toArray(new Column[0]));
  }
}
