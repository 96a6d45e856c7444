package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.mapping.FieldMapping;
import io.roundtrip.reverseetl.mapping.ModelValues;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * A row of {@link ModelRows} as the record a destination receives. Serializable, so the same
 * conversion runs on the driver (records streamed to a sender) and on Spark's executors (records
 * written straight into a destination's stage).
 *
 * @param columns the model columns the mapping reads, in the row's order; the key and the
 *     fingerprint follow them
 */
record RowRecords(List<String> columns, RecordMapper mapper) implements Serializable {

  RowRecords {
    columns = List.copyOf(columns);
  }

  /** The row's key: null when a key column is null. */
  String key(Row row) {
    return row.getString(columns.size());
  }

  long fingerprint(Row row) {
    return row.getLong(columns.size() + 1);
  }

  /**
   * The values of {@code fields} for rows of this model, in that order: read straight from the
   * row when every field is a column as is (no map per row), else through the mapping.
   */
  Positional positional(List<String> fields) {
    int[] direct = new int[fields.size()];
    for (int i = 0; i < direct.length; i++) {
      FieldMapping mapping = mapper.fields().get(fields.get(i));
      direct[i] = mapping instanceof FieldMapping.Column column ? columns.indexOf(column.column()) : -1;
    }
    boolean allDirect = java.util.Arrays.stream(direct).allMatch(i -> i >= 0);
    return row -> {
      Object[] values = new Object[direct.length];
      if (allDirect) {
        for (int i = 0; i < direct.length; i++) {
          values[i] = ModelValues.plain(row.get(direct[i]));
        }
      } else {
        // through the mapping, with its rules (a null left out unless null_overwrites)
        Map<String, Object> recordFields = record(row).fields();
        for (int i = 0; i < direct.length; i++) {
          values[i] = recordFields.get(fields.get(i));
        }
      }
      return values;
    };
  }

  /** A row's values in a fixed order of fields. */
  interface Positional {
    Object[] values(Row row);
  }

  SyncRecord record(Row row) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      values.put(columns.get(i), ModelValues.plain(row.get(i)));
    }
    return mapper.record(key(row), fingerprint(row), values);
  }
}
