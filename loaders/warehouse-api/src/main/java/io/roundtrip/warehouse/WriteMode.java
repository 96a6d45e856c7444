package io.roundtrip.warehouse;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** How a write treats the rows already in the table. */
public sealed interface WriteMode {

  /**
   * Add the rows. Creates the table if it does not exist; columns of the rows that the table lacks
   * are added (at the end, in the rows' order) in the same commit. Existing columns keep their type.
   */
  record Append() implements WriteMode {}

  /** Replace the whole table with the rows (and their schema). */
  record Overwrite() implements WriteMode {}

  /**
   * Atomically replace the rows matching {@code condition} (Spark SQL over the table's columns)
   * with the given rows, all of which must match it. Re-running the same write gives the same table.
   */
  record ReplaceWhere(String condition) implements WriteMode {}

  /**
   * Atomically replace the rows whose {@code columns} equal those of a row of {@code keys} with the
   * given rows, each of which must have such a key: a {@link ReplaceWhere} of {@code (columns) IN
   * keys} for keys too many to name in a condition (Spark plans a condition of 10,000 literals in
   * seconds). Columns of the rows that the table lacks are added.
   */
  record ReplaceKeys(List<String> columns, Dataset<Row> keys) implements WriteMode {

    public ReplaceKeys {
      columns = List.copyOf(columns);
    }

    /** The rows of {@code current} this replacement keeps, in {@code current}'s column order. */
    public Dataset<Row> kept(Dataset<Row> current) {
      Column[] keyColumns = columns.stream().map(ReplaceKeys::column).toArray(Column[]::new);
      Column[] all = Arrays.stream(current.columns()).map(ReplaceKeys::column).toArray(Column[]::new);
      // a join on named columns puts them first: selected back into the table's order
      return current.join(keys.select(keyColumns).distinct(),
              scala.jdk.javaapi.CollectionConverters.asScala(columns).toSeq(), "left_anti")
          .select(all);
    }

    private static Column column(String name) {
      return functions.col("`" + name.replace("`", "``") + "`");
    }
  }

  static WriteMode append() {
    return new Append();
  }

  static WriteMode overwrite() {
    return new Overwrite();
  }

  static WriteMode replaceWhere(String condition) {
    return new ReplaceWhere(condition);
  }

  static WriteMode replaceKeys(List<String> columns, Dataset<Row> keys) {
    return new ReplaceKeys(columns, keys);
  }
}
