package io.roundtrip.loaders.bookkeeping;

import static io.roundtrip.warehouse.ColumnType.BIGINT;
import static io.roundtrip.warehouse.ColumnType.STRING;
import static io.roundtrip.warehouse.ColumnType.TIMESTAMP;

import io.roundtrip.warehouse.TableId;
import org.apache.spark.sql.types.StructType;

/**
 * {@code _roundtrip.rejects} (lines that are not valid JSON or not valid events) and
 * {@code _roundtrip.discards} (single values that did not fit their column). Both name the file
 * and line. A load writes them in the same pass and commits them with the same stamp as its event
 * tables, so a resumed load lists each issue once.
 */
public final class IssueTables {

  public static final TableId REJECTS = Bookkeeping.table("rejects");
  public static final TableId DISCARDS = Bookkeeping.table("discards");

  public static final StructType REJECTS_SCHEMA = Bookkeeping.schema(Bookkeeping.columns(
      "source", STRING, "file", STRING, "file_checksum", STRING, "line", BIGINT, "reason", STRING,
      "raw", STRING, "load_id", STRING, "rejected_at", TIMESTAMP));

  public static final StructType DISCARDS_SCHEMA = Bookkeeping.schema(Bookkeeping.columns(
      "source", STRING, "table_name", STRING, "column_name", STRING, "file", STRING, "file_checksum", STRING,
      "line", BIGINT, "message_id", STRING, "value", STRING, "reason", STRING, "load_id", STRING,
      "discarded_at", TIMESTAMP));

  private IssueTables() {}

  public static StructType schema(TableId table) {
    if (table.equals(REJECTS)) {
      return REJECTS_SCHEMA;
    } else if (table.equals(DISCARDS)) {
      return DISCARDS_SCHEMA;
    }
    throw new IllegalArgumentException(table + " is not an issue table");
  }
}
