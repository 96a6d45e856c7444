package io.roundtrip.warehouse.delta;

import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.StagedWriters;
import io.roundtrip.warehouse.TableId;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Opens {@link ParquetStagedWriter}s in tasks: files are named as Spark names them
 * ({@code part-<task>-<stage>-<uuid>.c000.snappy.parquet}) directly in the table's folder, where
 * Delta expects the files of an unpartitioned table.
 */
final class DeltaStagedWriters implements StagedWriters {

  private final String root;
  private final String stageId;
  private final SerializableConfiguration conf;

  DeltaStagedWriters(String root, String stageId, SerializableConfiguration conf) {
    this.root = root;
    this.stageId = stageId;
    this.conf = conf;
  }

  @Override
  public StagedWriter open(TableId table, StructType schema, int task) {
    Path dir = new Path(new Path(root, table.namespace()), table.name());
    String name = String.format("part-%05d-%s-%s.c000.snappy.parquet", task, stageId, UUID.randomUUID());
    try {
      dir.getFileSystem(conf.value()).mkdirs(dir); // a new table's first files come before its log
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot create " + dir, e);
    }
    return new ParquetStagedWriter(table, new Path(dir, name), schema, conf.value());
  }
}
