package io.roundtrip.loaders.bookkeeping;

import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedAppends.CommitStamp;
import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Appends a few bookkeeping rows from the driver in one metadata-only commit: no Spark job, which
 * for a handful of rows costs more than everything else a small load does.
 */
final class BookkeepingWrites {

  private BookkeepingWrites() {}

  /**
   * Appends the rows (in {@code schema}'s columns) in one commit stamped with {@code stamp}; nothing
   * when it is committed already. A table written by an older Roundtrip first gains the columns it
   * lacks; columns it has that these rows do not are left empty.
   */
  static void append(Warehouse warehouse, TableId table, StructType schema, List<Row> rows, CommitStamp stamp) {
    StagedAppends appends = warehouse.ability(StagedAppends.class).orElseThrow(() -> new IllegalStateException(
        "The " + warehouse.type() + " warehouse cannot take staged appends, which the loader needs"));
    StructType target = evolve(warehouse, table, schema);
    StagedWriter writer = appends.writers("bookkeeping-" + UUID.randomUUID()).open(table, target, 0);
    try {
      for (Row row : rows) {
        Object[] values = new Object[target.fields().length];
        for (int i = 0; i < values.length; i++) {
          scala.Option<Object> at = schema.getFieldIndex(target.fields()[i].name());
          values[i] = at.isEmpty() ? null : CatalystTypeConverters.convertToCatalyst(row.get((Integer) at.get()));
        }
        writer.write(new GenericInternalRow(values));
      }
    } catch (RuntimeException e) {
      writer.abort();
      throw e;
    }
    appends.commit(table, target, List.of(writer.finish()), stamp);
  }

  private static StructType evolve(Warehouse warehouse, TableId table, StructType schema) {
    Optional<StructType> current = warehouse.schema(table);
    if (current.isEmpty()) {
      return schema;
    }
    SchemaChange change = warehouse.updateSchema(table);
    for (StructField field : schema.fields()) {
      if (current.get().getFieldIndex(field.name()).isEmpty()) {
        change.addColumn(field.name(), ColumnType.ofSpark(field.dataType()).orElseThrow());
      }
    }
    if (change.isEmpty()) {
      return current.get();
    }
    StructType evolved = change.apply();
    change.commit();
    return evolved;
  }
}
