package io.roundtrip.warehouse;

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

  static WriteMode append() {
    return new Append();
  }

  static WriteMode overwrite() {
    return new Overwrite();
  }

  static WriteMode replaceWhere(String condition) {
    return new ReplaceWhere(condition);
  }

  /** Replace the rows whose {@code column} holds one of {@code values}, which must not be empty. */
  static WriteMode replaceWhere(String column, java.util.Collection<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("No values to replace the rows of " + column + " for");
    }
    StringBuilder condition = new StringBuilder("`").append(column.replace("`", "``")).append("` IN (");
    String separator = "";
    for (String value : values) {
      condition.append(separator).append('\'').append(value.replace("\\", "\\\\").replace("'", "\\'"))
          .append('\'');
      separator = ", ";
    }
    return new ReplaceWhere(condition.append(')').toString());
  }
}
