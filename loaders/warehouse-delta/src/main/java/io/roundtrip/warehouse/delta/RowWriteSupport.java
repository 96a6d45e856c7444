package io.roundtrip.warehouse.delta;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Writes the loader's rows as Parquet records, for the five column types of the warehouse schema.
 * The file is what Spark's own {@code ParquetWriteSupport} writes (the same Parquet schema, from
 * Spark's converter, and the same footer entry with the Spark schema), but a string goes to Parquet
 * as the bytes it already is: the loader's strings are slices of a chunk's buffer, and Spark's
 * writer copies every slice into a new array first, once per string value of every row.
 */
final class RowWriteSupport extends WriteSupport<InternalRow> {

  /** The footer entry Spark reads a file's own schema from. */
  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private static final int STRING = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int BOOLEAN = 3;
  private static final int INT = 4;

  private final StructType schema;
  private final String[] names;
  private final int[] kinds;
  private RecordConsumer consumer;

  RowWriteSupport(StructType schema) {
    this.schema = schema;
    this.names = schema.fieldNames();
    this.kinds = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      kinds[i] = kind(schema.fields()[i].dataType(), names[i]);
    }
  }

  private static int kind(DataType type, String name) {
    if (type.equals(DataTypes.StringType)) {
      return STRING;
    } else if (type.equals(DataTypes.LongType) || type.equals(DataTypes.TimestampType)) {
      return LONG; // timestamps are INT64 microseconds, as spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS
    } else if (type.equals(DataTypes.DoubleType)) {
      return DOUBLE;
    } else if (type.equals(DataTypes.BooleanType)) {
      return BOOLEAN;
    } else if (type.equals(DataTypes.IntegerType)) {
      return INT;
    }
    throw new IllegalArgumentException("Column " + name + " has type " + type.sql() + ", which staged appends do not write");
  }

  @Override
  public WriteContext init(Configuration configuration) {
    MessageType message = new SparkToParquetSchemaConverter(configuration).convert(schema);
    return new WriteContext(message, Map.of(SPARK_SCHEMA_KEY, schema.json(),
        "org.apache.spark.version", org.apache.spark.package$.MODULE$.SPARK_VERSION()));
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(InternalRow row) {
    consumer.startMessage();
    for (int i = 0; i < names.length; i++) {
      if (row.isNullAt(i)) {
        continue;
      }
      consumer.startField(names[i], i);
      switch (kinds[i]) {
        case STRING -> {
          UTF8String text = row.getUTF8String(i);
          consumer.addBinary(Binary.fromReusedByteArray((byte[]) text.getBaseObject(),
              (int) (text.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET), text.numBytes()));
        }
        case LONG -> consumer.addLong(row.getLong(i));
        case DOUBLE -> consumer.addDouble(row.getDouble(i));
        case BOOLEAN -> consumer.addBoolean(row.getBoolean(i));
        default -> consumer.addInteger(row.getInt(i));
      }
      consumer.endField(names[i], i);
    }
    consumer.endMessage();
  }
}
