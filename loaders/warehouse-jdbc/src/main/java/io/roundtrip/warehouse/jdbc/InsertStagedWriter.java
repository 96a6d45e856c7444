package io.roundtrip.warehouse.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One task's rows of one table, staged with batched, parameterised INSERTs: the portable way, and
 * Snowflake's (its driver uploads a large batch to a stage and COPYs it in). The staging table is
 * created at the first row on a connection of its own, and the rows go in batches as they come.
 * Values only ever travel as parameters.
 */
final class InsertStagedWriter implements StagedWriter {

  static final int BATCH = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TableId table;
  private final StructType schema;
  private final String stage;
  private final Connector connector;
  private final SqlDialect dialect;
  private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  private Connection connection;
  private PreparedStatement insert;
  private int pending;
  private long rows;

  InsertStagedWriter(TableId table, StructType schema, String stage, Connector connector) {
    this.table = table;
    this.schema = schema;
    this.stage = stage;
    this.connector = connector;
    this.dialect = connector.dialect();
  }

  @Override
  public void write(InternalRow row) {
    try {
      if (connection == null) {
        begin();
      }
      for (int i = 0; i < schema.fields().length; i++) {
        bind(i + 1, schema.fields()[i].dataType(), row, i);
      }
      insert.addBatch();
      rows++;
      if (++pending == BATCH) {
        insert.executeBatch();
        pending = 0;
      }
    } catch (SQLException e) {
      abort();
      throw new IllegalStateException("Cannot stage rows of " + table + ": " + e.getMessage(), e);
    }
  }

  private void begin() throws SQLException {
    connection = connector.open();
    try (Statement statement = connection.createStatement()) {
      statement.execute(dialect.createStage(stage, schema));
    }
    String columns = java.util.Arrays.stream(schema.fieldNames()).map(dialect::quote).collect(Collectors.joining(", "));
    insert = connection.prepareStatement("INSERT INTO " + dialect.stage(stage) + " (" + columns + ") VALUES ("
        + java.util.Arrays.stream(schema.fieldNames()).map(c -> "?").collect(Collectors.joining(", ")) + ")");
  }

  private void bind(int parameter, DataType type, InternalRow row, int i) throws SQLException {
    if (row.isNullAt(i)) {
      insert.setNull(parameter, sqlType(type));
    } else if (type.equals(DataTypes.StringType)) {
      String text = row.getUTF8String(i).toString();
      insert.setString(parameter, dialect.textHoldsNul() ? text : text.replace("\0", ""));
    } else if (type.equals(DataTypes.LongType)) {
      insert.setLong(parameter, row.getLong(i));
    } else if (type.equals(DataTypes.IntegerType)) {
      insert.setInt(parameter, row.getInt(i));
    } else if (type.equals(DataTypes.ShortType)) {
      insert.setShort(parameter, row.getShort(i));
    } else if (type.equals(DataTypes.ByteType)) {
      insert.setShort(parameter, row.getByte(i));
    } else if (type.equals(DataTypes.DoubleType)) {
      insert.setDouble(parameter, row.getDouble(i));
    } else if (type.equals(DataTypes.FloatType)) {
      insert.setFloat(parameter, row.getFloat(i));
    } else if (type.equals(DataTypes.BooleanType)) {
      insert.setBoolean(parameter, row.getBoolean(i));
    } else if (type.equals(DataTypes.TimestampType)) {
      long micros = row.getLong(i);
      Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
      insert.setTimestamp(parameter, Timestamp.from(instant), utc);
    } else if (type.equals(DataTypes.DateType)) {
      insert.setDate(parameter, java.sql.Date.valueOf(LocalDate.ofEpochDay(row.getInt(i))));
    } else if (type instanceof ArrayType array) {
      List<Object> values = elements(row.getArray(i), array.elementType());
      String typeName = dialect.typeName(type);
      if (typeName.endsWith("[]")) {
        insert.setArray(parameter, connection.createArrayOf(typeName.substring(0, typeName.length() - 2),
            values.toArray()));
      } else {
        insert.setString(parameter, json(values)); // a text column: the array as JSON, as the loader keeps arrays
      }
    } else {
      throw new IllegalArgumentException("Cannot stage " + type.sql() + " values");
    }
  }

  private static List<Object> elements(ArrayData data, DataType element) {
    List<Object> values = new ArrayList<>(data.numElements());
    for (int j = 0; j < data.numElements(); j++) {
      Object value = data.isNullAt(j) ? null : data.get(j, element);
      values.add(value instanceof org.apache.spark.unsafe.types.UTF8String text ? text.toString() : value);
    }
    return values;
  }

  private static String json(List<Object> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write an array as JSON", e);
    }
  }

  private static int sqlType(DataType type) {
    if (type.equals(DataTypes.LongType)) {
      return java.sql.Types.BIGINT;
    } else if (type.equals(DataTypes.IntegerType)) {
      return java.sql.Types.INTEGER;
    } else if (type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType)) {
      return java.sql.Types.SMALLINT;
    } else if (type.equals(DataTypes.DoubleType)) {
      return java.sql.Types.DOUBLE;
    } else if (type.equals(DataTypes.FloatType)) {
      return java.sql.Types.REAL;
    } else if (type.equals(DataTypes.BooleanType)) {
      return java.sql.Types.BOOLEAN;
    } else if (type.equals(DataTypes.TimestampType)) {
      return java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
    } else if (type.equals(DataTypes.DateType)) {
      return java.sql.Types.DATE;
    } else if (type instanceof ArrayType) {
      return java.sql.Types.ARRAY;
    }
    return java.sql.Types.VARCHAR;
  }

  @Override
  public StagedFile finish() {
    try {
      if (connection == null) {
        begin(); // no rows: an empty staging table still says "this task had nothing"
      }
      if (pending > 0) {
        insert.executeBatch();
      }
      insert.close();
      connection.close();
      connection = null;
      return new StagedFile(table, stage, 0, rows, null);
    } catch (SQLException e) {
      abort();
      throw new IllegalStateException("Cannot stage rows of " + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void abort() {
    if (connection == null) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(dialect.dropStage(stage));
    } catch (SQLException e) {
      // a staging table left behind is swept a day later
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // going away
    }
    connection = null;
  }
}
