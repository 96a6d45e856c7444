package io.roundtrip.warehouse.delta;

import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.TableId;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one table's rows of one task into a Parquet file in the table's folder, as Spark's own
 * writer would ({@link RowWriteSupport}: Spark's Parquet schema and footer, snappy, timestamps as
 * INT64 microseconds), and gathers the file's statistics on the way. The file stays invisible until its table commits it.
 *
 * <p>Dictionary encoding is off for the columns whose values are all different (ids and
 * timestamps): parquet-mr would build a dictionary for each page and then throw it away, which
 * measured as the largest single cost of writing event tables.
 */
final class ParquetStagedWriter implements StagedWriter {

  /** Row groups small enough that a task with hundreds of open writers stays within its memory. */
  private static final int ROW_GROUP_BYTES = 32 << 20;

  private final TableId table;
  private final Path path;
  private final Configuration conf;
  private final FileStatistics statistics;
  private final ParquetWriter<InternalRow> writer;

  /**
   * @param writeConf from {@link #writeConf}: copying a Hadoop configuration costs about a
   *     millisecond, so a task makes one per table schema, not one per file
   */
  ParquetStagedWriter(TableId table, Path path, StructType schema, Configuration writeConf) {
    this.table = table;
    this.path = path;
    this.conf = writeConf;
    this.statistics = new FileStatistics(schema);
    try {
      Builder builder = new Builder(outputFile(path, writeConf), schema).withConf(writeConf)
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withRowGroupSize((long) ROW_GROUP_BYTES)
          .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0);
      for (StructField field : schema.fields()) {
        if (allDifferent(field)) {
          builder = builder.withDictionaryEncoding(field.name(), false);
        }
      }
      this.writer = builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + path, e);
    }
  }

  /** The configuration Spark's Parquet schema converter reads: the settings Spark's own writer passes it. */
  static Configuration writeConf(Configuration conf, StructType schema) {
    Configuration writeConf = new Configuration(conf);
    writeConf.set(SQLConf.PARQUET_WRITE_LEGACY_FORMAT().key(), "false");
    writeConf.set(SQLConf.PARQUET_OUTPUT_TIMESTAMP_TYPE().key(), "TIMESTAMP_MICROS");
    writeConf.set(SQLConf.PARQUET_FIELD_ID_WRITE_ENABLED().key(), "false");
    writeConf.set(SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE().key(),
        SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE().defaultValueString());
    return writeConf;
  }

  /** Ids and timestamps: a dictionary of them is as large as the data. */
  private static boolean allDifferent(StructField field) {
    return field.name().equals("id") || field.dataType().equals(DataTypes.TimestampType);
  }

  /** Local files are written with java.nio (Hadoop's local file system forks a chmod per file). */
  private static boolean isLocal(Path path) {
    return "file".equals(path.toUri().getScheme());
  }

  private static OutputFile outputFile(Path path, Configuration conf) throws IOException {
    if (isLocal(path)) {
      return new LocalOutputFile(new File(path.toUri().getPath()).toPath());
    }
    return HadoopOutputFile.fromPath(path, conf);
  }

  @Override
  public void write(InternalRow row) {
    statistics.add(row);
    try {
      writer.write(row);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  @Override
  public StagedFile finish() {
    try {
      writer.close();
      long bytes = isLocal(path) ? new File(path.toUri().getPath()).length()
          : path.getFileSystem(conf).getFileStatus(path).getLen();
      return new StagedFile(table, path.toString(), bytes, statistics.rows(), statistics.encode());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + path, e);
    }
  }

  @Override
  public void abort() {
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      // the file is deleted below either way
    }
    try {
      path.getFileSystem(conf).delete(path, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }

  private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
    private final StructType schema;

    Builder(OutputFile file, StructType schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema);
    }
  }
}
