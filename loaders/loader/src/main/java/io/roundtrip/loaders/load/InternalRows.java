package io.roundtrip.loaders.load;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Turns rows in Spark's internal form into a DataFrame. The public {@code createDataFrame}
 * converts every value of external {@link Row}s (a String is decoded, then encoded to UTF-8
 * again); the loader already holds UTF-8 bytes and microseconds, so it hands them over as they
 * are, the way Spark's own file sources do. {@code internalCreateDataFrame} is {@code private[sql]}
 * in Scala, which is public to Java; this class is the one place that relies on it.
 */
final class InternalRows {

  private InternalRows() {}

  static Dataset<Row> dataFrame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
  }
}
