package io.roundtrip.loaders.bookkeeping;

import static io.roundtrip.warehouse.ColumnType.BIGINT;
import static io.roundtrip.warehouse.ColumnType.STRING;
import static io.roundtrip.warehouse.ColumnType.TIMESTAMP;

import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * {@code _roundtrip.loads}: one row per input file and load attempt, identified by the file's
 * checksum. A file gets its {@code loaded} row after every table committed, so a file listed as
 * loaded is never read again, and a load that crashed before that point is simply re-run (the
 * per-table dedup skips what it had written). A load that fails with an error records its files as
 * {@code failed}, with the error.
 */
public final class LoadManifest {

  public static final TableId TABLE = Bookkeeping.table("loads");
  public static final String LOADED = "loaded";
  public static final String FAILED = "failed";

  static final StructType SCHEMA = Bookkeeping.schema(Bookkeeping.columns(
      "source", STRING, "checksum", STRING, "file", STRING, "size", BIGINT, "status", STRING,
      "load_id", STRING, "lines", BIGINT, "events", BIGINT, "rows", BIGINT, "duplicates", BIGINT,
      "rejects", BIGINT, "blank_lines", BIGINT, "started_at", TIMESTAMP, "finished_at", TIMESTAMP,
      "error", STRING));

  private final SparkSession spark;
  private final Warehouse warehouse;

  public LoadManifest(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /** Checksums of the source's files that are fully loaded. */
  public Set<String> loadedChecksums(String source) {
    if (warehouse.schema(TABLE).isEmpty()) {
      return Set.of();
    }
    Set<String> checksums = new HashSet<>();
    for (Row row : warehouse.read(TABLE)
        .where(org.apache.spark.sql.functions.col("source").equalTo(source)
            .and(org.apache.spark.sql.functions.col("status").equalTo(LOADED)))
        .select("checksum").collectAsList()) {
      checksums.add(row.getString(0));
    }
    return checksums;
  }

  /** One file's line in the manifest. */
  public record Entry(String source, String checksum, String file, long size, String status, String loadId,
      long lines, long events, long rows, long duplicates, long rejects, long blankLines,
      Instant startedAt, Instant finishedAt, String error) {

    Row toRow() {
      return RowFactory.create(source, checksum, file, size, status, loadId, lines, events, rows, duplicates,
          rejects, blankLines, startedAt, finishedAt, error);
    }
  }

  /** Appends the entries in one commit. */
  public void record(List<Entry> entries) {
    warehouse.write(TABLE, spark.createDataFrame(entries.stream().map(Entry::toRow).toList(), SCHEMA),
        WriteMode.append());
  }
}
