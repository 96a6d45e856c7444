package io.roundtrip.loaders.bookkeeping;

import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedAppends.CommitStamp;
import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Appends a few bookkeeping rows from the driver in one metadata-only commit: no Spark job, which
 * for a handful of rows costs more than everything else a small load does.
 */
final class BookkeepingWrites {

  private BookkeepingWrites() {}

  /** Appends the rows in one commit stamped with {@code stamp}; nothing when it is committed already. */
  static void append(Warehouse warehouse, TableId table, StructType schema, List<Row> rows, CommitStamp stamp) {
    StagedAppends appends = warehouse.ability(StagedAppends.class).orElseThrow(() -> new IllegalStateException(
        "The " + warehouse.type() + " warehouse cannot take staged appends, which the loader needs"));
    StagedWriter writer = appends.writers("bookkeeping-" + UUID.randomUUID()).open(table, schema, 0);
    try {
      for (Row row : rows) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = CatalystTypeConverters.convertToCatalyst(row.get(i));
        }
        writer.write(new GenericInternalRow(values));
      }
    } catch (RuntimeException e) {
      writer.abort();
      throw e;
    }
    List<io.roundtrip.warehouse.StagedFile> files = List.of(writer.finish());
    appends.commit(table, schema, files, stamp);
    appends.release(files);
  }
}
