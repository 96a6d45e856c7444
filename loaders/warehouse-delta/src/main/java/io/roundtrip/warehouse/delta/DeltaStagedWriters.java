package io.roundtrip.warehouse.delta;

import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.StagedWriters;
import io.roundtrip.warehouse.TableId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
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
  /** Per task (each task has its own copy of this object): the write configuration per schema. */
  private transient Map<StructType, Configuration> writeConfs;

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
      // a new table's first files come before its log; on local disk through java.nio, since
      // Hadoop's local file system forks a chmod for every folder it makes
      if ("file".equals(dir.toUri().getScheme())) {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir.toUri()));
      } else {
        dir.getFileSystem(conf.value()).mkdirs(dir);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot create " + dir, e);
    }
    if (writeConfs == null) {
      writeConfs = new HashMap<>();
    }
    Configuration writeConf = writeConfs.computeIfAbsent(schema, s -> ParquetStagedWriter.writeConf(conf.value(), s));
    return new ParquetStagedWriter(table, new Path(dir, name), schema, writeConf);
  }
}
