package io.roundtrip.warehouse.jdbc;

import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Rows in PostgreSQL's binary COPY format, straight from Spark's internal form: text is the row's
 * UTF-8 bytes, numbers their bits, timestamps their microseconds (moved to PostgreSQL's epoch,
 * 2000-01-01). Nothing is printed and parsed again, so the server does less work than for CSV, and
 * no value can be mistaken for a delimiter or a quote.
 *
 * <p>PostgreSQL's text cannot hold the NUL character, which JSON can ({@code "\u0000"}): it is left
 * out of the value, as RudderStack does for its Postgres destination.
 */
final class BinaryCopy {

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  /** Microseconds and days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
  private static final long EPOCH_MICROS = 946_684_800_000_000L;
  private static final int EPOCH_DAYS = 10_957;
  private static final UTF8String NUL = UTF8String.fromString("\0");

  private interface Field {
    void write(InternalRow row, int ordinal, DataOutputStream out) throws IOException;
  }

  private final Field[] fields;

  BinaryCopy(StructType schema) {
    this.fields = new Field[schema.fields().length];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = field(schema.fields()[i].dataType());
    }
  }

  /** Whether COPY can take a column of this type as is. */
  static boolean supports(DataType type) {
    return type instanceof ArrayType array ? supportsElement(array.elementType()) : supportsElement(type);
  }

  static boolean supportsElement(DataType type) {
    return oid(type) != 0;
  }

  static void header(DataOutputStream out) throws IOException {
    out.write(SIGNATURE);
    out.writeInt(0); // flags
    out.writeInt(0); // header extension length
  }

  static void trailer(DataOutputStream out) throws IOException {
    out.writeShort(-1);
  }

  void row(InternalRow row, DataOutputStream out) throws IOException {
    out.writeShort(fields.length);
    for (int i = 0; i < fields.length; i++) {
      if (row.isNullAt(i)) {
        out.writeInt(-1);
      } else {
        fields[i].write(row, i, out);
      }
    }
  }

  private static Field field(DataType type) {
    if (type instanceof ArrayType array) {
      return array(array.elementType());
    }
    if (type.equals(DataTypes.StringType)) {
      return (row, i, out) -> text(row.getUTF8String(i), out);
    } else if (type.equals(DataTypes.LongType)) {
      return (row, i, out) -> {
        out.writeInt(8);
        out.writeLong(row.getLong(i));
      };
    } else if (type.equals(DataTypes.IntegerType)) {
      return (row, i, out) -> {
        out.writeInt(4);
        out.writeInt(row.getInt(i));
      };
    } else if (type.equals(DataTypes.ShortType)) {
      return (row, i, out) -> {
        out.writeInt(2);
        out.writeShort(row.getShort(i));
      };
    } else if (type.equals(DataTypes.ByteType)) {
      return (row, i, out) -> {
        out.writeInt(2);
        out.writeShort(row.getByte(i));
      };
    } else if (type.equals(DataTypes.DoubleType)) {
      return (row, i, out) -> {
        out.writeInt(8);
        out.writeDouble(row.getDouble(i));
      };
    } else if (type.equals(DataTypes.FloatType)) {
      return (row, i, out) -> {
        out.writeInt(4);
        out.writeFloat(row.getFloat(i));
      };
    } else if (type.equals(DataTypes.BooleanType)) {
      return (row, i, out) -> {
        out.writeInt(1);
        out.writeByte(row.getBoolean(i) ? 1 : 0);
      };
    } else if (type.equals(DataTypes.TimestampType)) {
      return (row, i, out) -> {
        out.writeInt(8);
        out.writeLong(row.getLong(i) - EPOCH_MICROS);
      };
    } else if (type.equals(DataTypes.DateType)) {
      return (row, i, out) -> {
        out.writeInt(4);
        out.writeInt(row.getInt(i) - EPOCH_DAYS);
      };
    }
    throw new IllegalArgumentException("COPY cannot take " + type.sql() + " values");
  }

  private static void text(UTF8String value, DataOutputStream out) throws IOException {
    if (value.contains(NUL)) {
      value = value.replace(NUL, UTF8String.EMPTY_UTF8);
    }
    out.writeInt(value.numBytes());
    value.writeTo(out);
  }

  /** A one-dimensional array: dimensions, null flag, element type, then each element as a field. */
  private static Field array(DataType element) {
    Field each = field(element);
    int oid = oid(element);
    return (row, i, out) -> {
      ArrayData values = row.getArray(i);
      int n = values.numElements();
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(16 + 8 * n);
      DataOutputStream array = new DataOutputStream(bytes);
      boolean hasNull = false;
      for (int j = 0; j < n && !hasNull; j++) {
        hasNull = values.isNullAt(j);
      }
      array.writeInt(n == 0 ? 0 : 1);
      array.writeInt(hasNull ? 1 : 0);
      array.writeInt(oid);
      if (n > 0) {
        array.writeInt(n);
        array.writeInt(1); // lower bound
      }
      InternalRow element1 = new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(1);
      for (int j = 0; j < n; j++) {
        if (values.isNullAt(j)) {
          array.writeInt(-1);
        } else {
          element1.update(0, values.get(j, element));
          each.write(element1, 0, array);
        }
      }
      array.flush();
      out.writeInt(bytes.size());
      bytes.writeTo(out);
    };
  }

  /** PostgreSQL's type id of an array element type; 0 when COPY does not take it here. */
  private static int oid(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return 25;
    } else if (type.equals(DataTypes.LongType)) {
      return 20;
    } else if (type.equals(DataTypes.IntegerType)) {
      return 23;
    } else if (type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType)) {
      return 21;
    } else if (type.equals(DataTypes.DoubleType)) {
      return 701;
    } else if (type.equals(DataTypes.FloatType)) {
      return 700;
    } else if (type.equals(DataTypes.BooleanType)) {
      return 16;
    } else if (type.equals(DataTypes.TimestampType)) {
      return 1184;
    } else if (type.equals(DataTypes.DateType)) {
      return 1082;
    }
    return 0;
  }
}
