package io.roundtrip.loaders.bookkeeping;

import static io.roundtrip.warehouse.ColumnType.BIGINT;
import static io.roundtrip.warehouse.ColumnType.STRING;
import static io.roundtrip.warehouse.ColumnType.TIMESTAMP;

import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * {@code _roundtrip.rejects} (lines that are not valid JSON or not valid events) and
 * {@code _roundtrip.discards} (single values that did not fit their column). Both name the file
 * and line. A load replaces the rows of the files it reads, so a re-run after a crash leaves each
 * issue listed once.
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

  private final Warehouse warehouse;

  public IssueTables(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * Replaces the issues recorded for these files of the source with {@code rows}; returns their
   * count. Usually nothing was recorded for them (only a crashed load leaves some), so this
   * appends, or does nothing at all, unless a look at the table says there is something to replace.
   */
  public long replace(TableId table, String source, Collection<String> checksums, Dataset<Row> rows) {
    String files = checksums.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
    String condition = "source = '" + source + "' AND file_checksum IN (" + files + ")";
    boolean recordedBefore = warehouse.schema(table).isPresent() && !warehouse.read(table).where(condition).isEmpty();
    if (recordedBefore) {
      return warehouse.write(table, rows, WriteMode.replaceWhere(condition));
    }
    return rows.isEmpty() ? 0 : warehouse.write(table, rows, WriteMode.append());
  }
}
