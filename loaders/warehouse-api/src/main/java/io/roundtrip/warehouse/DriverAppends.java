package io.roundtrip.warehouse;

import io.roundtrip.warehouse.StagedAppends.CommitStamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Appends a few rows from the driver in one commit: the run records every job keeps (load manifest,
 * sync runs and errors, model runs). Where the warehouse takes staged appends, this is one
 * metadata-only commit and no Spark job, which for a handful of rows costs more than everything else
 * a job with nothing to do does; elsewhere it is an ordinary write.
 */
public final class DriverAppends {

  private DriverAppends() {}

  /**
   * Appends the rows (in {@code schema}'s columns) in one commit stamped with {@code stamp}; nothing
   * when it is committed already. A table written by an older Roundtrip first gains the columns it
   * lacks; columns it has that these rows do not are left empty.
   */
  public static void append(Warehouse warehouse, TableId table, StructType schema, List<Row> rows,
      CommitStamp stamp) {
    if (rows.isEmpty()) {
      return;
    }
    java.util.Optional<StagedAppends> staged = warehouse.ability(StagedAppends.class);
    if (staged.isEmpty()) {
      warehouse.write(table, org.apache.spark.sql.SparkSession.active().createDataFrame(rows, schema),
          WriteMode.append());
      return;
    }
    StagedAppends appends = staged.get();
    StructType target = evolve(warehouse, table, schema);
    StagedWriter writer = appends.writers("driver-" + UUID.randomUUID()).open(table, target, 0);
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
    List<StagedFile> files = List.of(writer.finish());
    appends.commit(table, target, files, stamp);
    appends.release(files);
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
