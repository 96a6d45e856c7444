package io.roundtrip.warehouse.jdbc;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.TableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A {@link MergeSpec} evaluated in Spark: the source rows ({@code s}) left-joined to the target's
 * ({@code t}) on the keys give, per key, the complete row the target should hold afterwards, or no
 * row when nothing changes. The warehouse then applies those rows as one upsert.
 *
 * <p>Why in Spark rather than translated: the spec's conditions and expressions are Spark SQL, and
 * Spark evaluates them with Spark's semantics on every backend ({@code greatest} skips nulls in
 * Spark and PostgreSQL but returns null in Snowflake; backticks, functions and casts differ by
 * dialect). What it costs is reading the target's rows into Spark, which the users/accounts merge
 * does anyway (to find late events), and a second transaction-free read: rows changed by another
 * writer between the read and the upsert are overwritten, so one merge per table at a time (the
 * loader merges a source's tables once per load).
 */
final class MergePlan {

  static final String MATCHED = "__roundtrip_matched";
  static final String INSERT = "__roundtrip_insert";

  private MergePlan() {}

  /** The rows to upsert: every column of the target, cast to its type. */
  static Dataset<Row> rows(TableId table, StructType targetSchema, Dataset<Row> target, Dataset<Row> source,
      MergeSpec spec) {
    Set<String> columns = new HashSet<>(List.of(targetSchema.fieldNames()));
    for (String key : spec.keys()) {
      require(table, columns, key, "key");
    }
    spec.whenMatched().forEach(clause -> clause.set().keySet().forEach(c -> require(table, columns, c, "updated")));
    spec.insertValues().keySet().forEach(c -> require(table, columns, c, "inserted"));

    Dataset<Row> t = target.withColumn(MATCHED, lit(true)).as("t");
    Dataset<Row> s = source.as("s");
    Column on = null;
    for (String key : spec.keys()) {
      Column equal = col("s." + quote(key)).equalTo(col("t." + quote(key)));
      on = on == null ? equal : on.and(equal);
    }
    Dataset<Row> joined = s.join(t, on, "left");
    Column matched = coalesce(col("t." + MATCHED), lit(false));

    // the first clause whose condition holds, as its index; null when none does
    Column clause = lit(null).cast("int");
    for (int i = spec.whenMatched().size() - 1; i >= 0; i--) {
      String condition = spec.whenMatched().get(i).condition();
      clause = condition == null ? lit(i) : when(coalesce(expr(condition), lit(false)), lit(i)).otherwise(clause);
    }
    List<Column> select = new ArrayList<>();
    for (StructField field : targetSchema.fields()) {
      String name = field.name();
      Column updated = col("t." + quote(name));
      for (int i = spec.whenMatched().size() - 1; i >= 0; i--) {
        String set = spec.whenMatched().get(i).set().get(name);
        if (set != null) {
          updated = when(col("__roundtrip_clause").equalTo(i), expr(set)).otherwise(updated);
        }
      }
      String insert = spec.insertValues().get(name);
      Column inserted = insert == null ? lit(null) : expr(insert);
      select.add(when(matched, updated).otherwise(inserted).cast(field.dataType()).as(name));
    }
    Column keep = spec.insertValues().isEmpty()
        ? matched.and(col("__roundtrip_clause").isNotNull())
        : matched.and(col("__roundtrip_clause").isNotNull()).or(not(matched));
    return joined.withColumn("__roundtrip_clause", clause).where(keep).select(select.toArray(Column[]::new));
  }

  private static void require(TableId table, Set<String> columns, String column, String role) {
    if (!columns.contains(column)) {
      throw new IllegalArgumentException("Cannot merge into " + table + ": it has no column " + column + " (" + role
          + " by the merge); add it first");
    }
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
