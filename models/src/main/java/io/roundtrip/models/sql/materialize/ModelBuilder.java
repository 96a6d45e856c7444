package io.roundtrip.models.sql.materialize;

import io.roundtrip.models.sql.project.NodeConfig;
import io.roundtrip.warehouse.SqlModelTarget;
import io.roundtrip.warehouse.SqlModelTarget.Columns;
import io.roundtrip.warehouse.SqlModelTarget.IncrementalWrite;
import io.roundtrip.warehouse.SqlModelTarget.Kind;
import io.roundtrip.warehouse.SqlModelTarget.Relation;
import io.roundtrip.warehouse.SqlModelTarget.RelationInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Materializes a compiled model: {@code view}, {@code table}, or {@code incremental} with the
 * {@code append}, {@code merge} and {@code time_range} strategies. Incremental runs check first and
 * write once: a merge's new rows must have non-null, distinct keys, and the columns may change only
 * as {@code on_schema_change} allows.
 */
public final class ModelBuilder {

  /** How many example keys a key error names. */
  static final int EXAMPLES = 5;

  private final SqlModelTarget target;

  public ModelBuilder(SqlModelTarget target) {
    this.target = target;
  }

  /**
   * What to build.
   *
   * @param existing the relation as it is now
   * @param incremental whether this is an incremental run (dbt's {@code is_incremental()})
   * @param range the interval of a time_range run; empty for other strategies and full builds
   */
  public record Plan(Relation relation, String sql, String materialized, NodeConfig config,
      Optional<RelationInfo> existing, boolean incremental, Optional<TimeRange> range) {}

  /** What a build did: rows written (-1 for a view) and how. */
  public record Outcome(long rows, String action) {}

  public Outcome build(Plan plan) {
    return switch (plan.materialized()) {
      case "view" -> {
        target.createView(plan.relation(), plan.sql());
        yield new Outcome(-1, "view");
      }
      case "table" -> new Outcome(target.replaceTable(plan.relation(), plan.sql()), "table");
      case "incremental" -> incremental(plan);
      default -> throw new IllegalArgumentException("Cannot build a model materialized as " + plan.materialized());
    };
  }

  private Outcome incremental(Plan plan) {
    NodeConfig config = plan.config();
    String strategy = config.incrementalStrategy();
    String sql = plan.sql();
    if (strategy.equals("time_range") && plan.range().isPresent()) {
      sql = plan.range().get().filter(sql, config.timeColumn().orElseThrow());
    }
    if (strategy.equals("merge")) {
      checkKeys(sql, config.uniqueKey());
    }
    if (!plan.incremental()) {
      return new Outcome(target.replaceTable(plan.relation(), sql), "incremental, full build");
    }
    RelationInfo existing = plan.existing().orElseThrow();
    StructType columns = target.query(sql).schema();
    SchemaDiff diff = SchemaDiff.of(existing.columns(), columns);
    Columns policy = switch (config.onSchemaChange()) {
      case "ignore" -> Columns.KEEP;
      case "append_new_columns" -> Columns.ADD_NEW;
      case "sync_all_columns" -> Columns.SYNC;
      default -> {
        if (!diff.isEmpty()) {
          throw new ModelFailure("the model's columns differ from the table " + plan.relation() + " (" + diff.describe()
              + "); set on_schema_change to append_new_columns or sync_all_columns to allow it, or run with "
              + "--full-refresh to rebuild the table");
        }
        yield Columns.KEEP;
      }
    };
    IncrementalWrite write = switch (strategy) {
      case "append" -> new IncrementalWrite.Append(policy);
      case "merge" -> new IncrementalWrite.Merge(config.uniqueKey(), policy);
      case "time_range" -> {
        TimeRange range = plan.range().orElseThrow();
        yield new IncrementalWrite.ReplaceRange(config.timeColumn().orElseThrow(), range.start(), range.end(), policy);
      }
      default -> throw new IllegalArgumentException("Unknown incremental_strategy " + strategy);
    };
    long rows = target.writeIncremental(plan.relation(), sql, write);
    String action = "incremental " + strategy + (plan.range().isPresent() ? " " + plan.range().get() : "")
        + (diff.isEmpty() || policy == Columns.KEEP ? "" : ", columns " + diff.describe());
    return new Outcome(rows, action);
  }

  /** The new rows' keys must be non-null and distinct, or a merge would pick a row at random. */
  void checkKeys(String sql, List<String> keys) {
    String keyList = String.join(", ", keys);
    String nullTest = keys.stream().map(k -> k + " is null").collect(Collectors.joining(" or "));
    List<Row> nulls = target.query("select count(*) from (\n" + sql + "\n) dbt_keys where " + nullTest).collectAsList();
    long nullCount = nulls.isEmpty() ? 0 : ((Number) nulls.get(0).get(0)).longValue();
    if (nullCount > 0) {
      throw new ModelFailure(nullCount + " new row(s) have a null unique_key (" + keyList + "); nothing was written");
    }
    List<Row> duplicates = target.query("select " + keyList + ", count(*) as n from (\n" + sql + "\n) dbt_keys group by "
        + keyList + " having count(*) > 1 order by n desc").limit(EXAMPLES).collectAsList();
    if (!duplicates.isEmpty()) {
      String examples = duplicates.stream().map(row -> {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
          key.append(i == 0 ? "" : ", ").append(keys.get(i)).append('=').append(row.get(i));
        }
        return key + " (" + row.get(keys.size()) + " rows)";
      }).collect(Collectors.joining("; "));
      throw new ModelFailure("the new rows repeat unique_key values, e.g. " + examples + "; nothing was written");
    }
  }

  /** Whether the relation is a table an incremental run may add to. */
  public static boolean isTable(Optional<RelationInfo> existing) {
    return existing.isPresent() && existing.get().kind() == Kind.TABLE;
  }
}
