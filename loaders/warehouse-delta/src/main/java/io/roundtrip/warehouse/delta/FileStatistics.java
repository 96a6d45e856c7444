package io.roundtrip.warehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The statistics Delta keeps per file for data skipping, gathered while a task writes it: the row
 * count, and for the table's first {@link #INDEXED_COLUMNS} columns (in the loader's tables the ids
 * and timestamps, {@code received_at} among them) the null count and, for numbers and timestamps,
 * the minimum and maximum. These are what let a read of a {@code received_at} window skip the files
 * outside it.
 */
final class FileStatistics {

  /** As {@code delta.dataSkippingNumIndexedCols} in {@link DeltaSettings}. */
  static final int INDEXED_COLUMNS = 8;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StructType schema;
  private final int indexed;
  private final boolean[] ranged;
  private final long[] nulls;
  private final long[] minLong;
  private final long[] maxLong;
  private final double[] minDouble;
  private final double[] maxDouble;
  private final boolean[] seen;
  private long rows;

  FileStatistics(StructType schema) {
    this.schema = schema;
    this.indexed = Math.min(INDEXED_COLUMNS, schema.fields().length);
    this.ranged = new boolean[indexed];
    this.nulls = new long[indexed];
    this.minLong = new long[indexed];
    this.maxLong = new long[indexed];
    this.minDouble = new double[indexed];
    this.maxDouble = new double[indexed];
    this.seen = new boolean[indexed];
    for (int i = 0; i < indexed; i++) {
      DataType type = schema.fields()[i].dataType();
      ranged[i] = isLong(type) || type.equals(DataTypes.DoubleType);
    }
  }

  private static boolean isLong(DataType type) {
    return type.equals(DataTypes.LongType) || type.equals(DataTypes.TimestampType);
  }

  void add(InternalRow row) {
    rows++;
    for (int i = 0; i < indexed; i++) {
      if (row.isNullAt(i)) {
        nulls[i]++;
      } else if (ranged[i]) {
        if (isLong(schema.fields()[i].dataType())) {
          long v = row.getLong(i);
          minLong[i] = seen[i] ? Math.min(minLong[i], v) : v;
          maxLong[i] = seen[i] ? Math.max(maxLong[i], v) : v;
        } else {
          double v = row.getDouble(i);
          if (!Double.isNaN(v)) {
            minDouble[i] = seen[i] ? Math.min(minDouble[i], v) : v;
            maxDouble[i] = seen[i] ? Math.max(maxDouble[i], v) : v;
          }
        }
        seen[i] = true;
      }
    }
  }

  long rows() {
    return rows;
  }

  /** A compact form for {@link io.roundtrip.warehouse.StagedFile#statistics}, decoded on the driver. */
  String encode() {
    ObjectNode root = JSON.createObjectNode();
    root.put("rows", rows);
    ObjectNode columns = root.putObject("columns");
    for (int i = 0; i < indexed; i++) {
      ObjectNode column = columns.putObject(schema.fields()[i].name());
      column.put("nulls", nulls[i]);
      if (ranged[i] && seen[i]) {
        if (isLong(schema.fields()[i].dataType())) {
          column.put("min", minLong[i]).put("max", maxLong[i]);
        } else if (minDouble[i] <= maxDouble[i]) {
          column.put("min", minDouble[i]).put("max", maxDouble[i]);
        }
      }
    }
    return root.toString();
  }

  static DataFileStatistics decode(String encoded, StructType schema) {
    JsonNode root;
    try {
      root = JSON.readTree(encoded);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable file statistics " + encoded, e);
    }
    Map<Column, Literal> min = new HashMap<>();
    Map<Column, Literal> max = new HashMap<>();
    Map<Column, Long> nulls = new HashMap<>();
    root.path("columns").fields().forEachRemaining(entry -> {
      Column column = new Column(entry.getKey());
      JsonNode stats = entry.getValue();
      nulls.put(column, stats.path("nulls").asLong());
      if (stats.has("min")) {
        DataType type = schema.apply(entry.getKey()).dataType();
        min.put(column, literal(type, stats.get("min")));
        max.put(column, literal(type, stats.get("max")));
      }
    });
    return new DataFileStatistics(root.path("rows").asLong(), min, max, nulls);
  }

  private static Literal literal(DataType type, JsonNode value) {
    if (type.equals(DataTypes.TimestampType)) {
      return Literal.ofTimestamp(value.asLong());
    } else if (type.equals(DataTypes.LongType)) {
      return Literal.ofLong(value.asLong());
    }
    return Literal.ofDouble(value.asDouble());
  }
}
