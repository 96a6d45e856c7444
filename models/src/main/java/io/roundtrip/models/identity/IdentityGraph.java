package io.roundtrip.models.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The rules that make people of identifiers, over whatever identifiers and merge rules a run hands
 * it: all of them in a full run, the components an increment touches in an incremental one. The
 * same code serves both, so the two cannot disagree on who is whom.
 */
final class IdentityGraph {

  static final String DEVICE_RULE = "anonymous_id";
  static final String ALIAS_RULE = "alias";
  static final String EMAIL_RULE = "email";

  static final List<String> IDENTIFIER_KEYS = List.of("identifier_type", "identifier_value");
  static final List<String> RULE_KEYS = List.of("left_type", "left_value", "right_type", "right_value", "rule");

  private final IdentityOptions options;

  IdentityGraph(IdentityOptions options) {
    this.options = options;
  }

  /** Stored rows and new observations of the same keys become one row: earliest first, latest last. */
  static Dataset<Row> mergeObservations(Dataset<Row> stored, Dataset<Row> observed, List<String> keys) {
    Dataset<Row> all = stored == null ? observed : stored.selectExpr(observed.columns()).unionByName(observed);
    return all.groupBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .agg(min("first_seen").as("first_seen"), max("last_seen").as("last_seen"));
  }

  /**
   * Anonymous ids seen with more distinct user ids than allowed. Exact for every anonymous id whose
   * device rules are all among {@code rules}.
   */
  Dataset<Row> sharedDevices(Dataset<Row> rules) {
    return rules.where(col("rule").equalTo(DEVICE_RULE))
        .groupBy(col("left_type").as("identifier_type"), col("left_value").as("identifier_value"))
        .agg(countDistinct("right_value").as("distinct_user_ids"), min("first_seen").as("first_seen"),
            max("last_seen").as("last_seen"))
        .where(col("distinct_user_ids").gt(options.sharedDeviceMaxUsers()));
  }

  /**
   * The edges that join people: every alias and email rule, and for each anonymous id that is
   * not a shared device, the user id it was first seen with.
   */
  Dataset<Row> edges(Dataset<Row> rules, Dataset<Row> shared) {
    Dataset<Row> device = rules.where(col("rule").equalTo(DEVICE_RULE))
        .join(shared, rules.col("left_value").equalTo(shared.col("identifier_value")), "left_anti");
    Dataset<Row> firstUser = device.withColumn("rank", row_number().over(
            Window.partitionBy("left_value").orderBy(col("first_seen"), col("right_value"))))
        .where(col("rank").equalTo(1));
    Dataset<Row> explicit = options.emailEdges() ? rules.where(col("rule").isin(ALIAS_RULE, EMAIL_RULE))
        : rules.where(col("rule").equalTo(ALIAS_RULE));
    return firstUser.select("left_type", "left_value", "right_type", "right_value")
        .union(explicit.select("left_type", "left_value", "right_type", "right_value"));
  }

  /**
   * identifier_type, identifier_value, canonical_user_id, first_seen, last_seen: components of the
   * edges over the identifiers, each named by its earliest-seen identifier (ties: user id first,
   * then the value). Edges to identifiers not among {@code nodes} are not followed.
   */
  Dataset<Row> canonicalIds(Dataset<Row> nodes, Dataset<Row> edges) {
    Dataset<Row> numbered = Checkpoints.cut(nodes.withColumn("id", monotonically_increasing_id()));
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

  /** The identifiers whose canonical id is not what it was, for {@code identity_graph_updates}. */
  static Dataset<Row> changes(Dataset<Row> before, Dataset<Row> after, String runId) {
    Dataset<Row> old = before.select(col("identifier_type"), col("identifier_value"),
        col("canonical_user_id").as("previous_canonical_user_id"));
    return after.join(old, Checkpoints.seq(IDENTIFIER_KEYS))
        .where(col("canonical_user_id").notEqual(col("previous_canonical_user_id")))
        .select(lit(runId).as("run_id"), col("identifier_type"), col("identifier_value"),
            col("previous_canonical_user_id"), col("canonical_user_id"), current_timestamp().as("changed_at"));
  }
}
