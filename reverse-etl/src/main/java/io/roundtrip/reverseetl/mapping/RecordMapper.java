package io.roundtrip.reverseetl.mapping;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns model rows into the records a destination receives: the primary key, the mapped fields,
 * and the row's fingerprint that the sync state remembers.
 *
 * @param keyColumns the model's primary key
 * @param fields destination field -> mapping, in order; null when the sync has no {@code
 *     mapping}, which means every model column as is (see {@link #resolve}, done once the model's
 *     columns are known)
 * @param nullOverwrites when false (the default), null fields are left out, so the destination
 *     keeps what it has
 */
public record RecordMapper(String sync, List<String> keyColumns, Map<String, FieldMapping> fields,
    boolean nullOverwrites) implements Serializable {

  /** Joins the values of a composite key; a character that does not occur in ids. */
  public static final char KEY_SEPARATOR = '\u001f';

  public RecordMapper {
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("sync " + sync + ": primary_key must name at least one column");
    }
    keyColumns = List.copyOf(keyColumns);
    fields = fields == null ? null : new LinkedHashMap<>(fields);
  }

  /** The mapping of a sync without {@code mapping}: every column of the model, named as in the model. */
  public static RecordMapper everyColumn(String sync, List<String> keyColumns, boolean nullOverwrites) {
    return new RecordMapper(sync, keyColumns, null, nullOverwrites);
  }

  /** Whether the fields are known (a mapping was given, or {@link #resolve} was called). */
  public boolean resolved() {
    return fields != null;
  }

  /** This mapping for a model with these columns: every column as is when the sync has no mapping. */
  public RecordMapper resolve(List<String> modelColumns) {
    if (fields != null) {
      return this;
    }
    Map<String, FieldMapping> identity = new LinkedHashMap<>();
    modelColumns.forEach(column -> identity.put(column, new FieldMapping.Column(column)));
    return new RecordMapper(sync, keyColumns, identity, nullOverwrites);
  }

  private Map<String, FieldMapping> known() {
    if (fields == null) {
      throw new IllegalStateException("sync " + sync + ": the mapping is every model column; resolve it first");
    }
    return fields;
  }

  /** The model columns the mapping reads (key columns first). */
  public List<String> columns() {
    List<String> columns = new ArrayList<>(keyColumns);
    for (FieldMapping mapping : known().values()) {
      for (String column : mapping.columns()) {
        if (!columns.contains(column)) {
          columns.add(column);
        }
      }
    }
    return columns;
  }

  /** The destination fields, in order; empty when a {@code flatten} makes them depend on the values. */
  public List<String> fieldNames() {
    return known().values().stream().anyMatch(FieldMapping.Flatten.class::isInstance) ? List.of()
        : List.copyOf(known().keySet());
  }

  /** Whether every record has the same fields ({@code flatten} is the one mapping whose fields depend on the value). */
  public boolean fixedFields() {
    return fields == null || fields.values().stream().noneMatch(FieldMapping.Flatten.class::isInstance);
  }

  /**
   * The record for a row.
   *
   * @param key the row's key (see {@code ModelRows}: computed with the fingerprint, by Spark)
   * @param hash the fingerprint of the row's mapped columns and of this mapping
   */
  public SyncRecord record(String key, long hash, Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, FieldMapping> field : known().entrySet()) {
      field.getValue().apply(field.getKey(), row, out);
    }
    if (!nullOverwrites) {
      out.values().removeIf(java.util.Objects::isNull);
    }
    return new SyncRecord(key, out, hash, null);
  }

  /**
   * The fields a record can have when only its key is known (a row that left the model, which
   * mirror mode removes): each field mapped straight from a key column, with that part of the key.
   * Destinations find the record by them (Ambassador and Promoter by {@code email}, a table by its
   * key fields).
   */
  public Map<String, Object> keyFields(String key) {
    String[] parts = key.split(String.valueOf(KEY_SEPARATOR), -1);
    Map<String, Object> out = new LinkedHashMap<>();
    if (parts.length != keyColumns.size()) {
      return out;
    }
    for (Map.Entry<String, FieldMapping> field : known().entrySet()) {
      if (field.getValue() instanceof FieldMapping.Column column && keyColumns.contains(column.column())) {
        out.put(field.getKey(), parts[keyColumns.indexOf(column.column())]);
      }
    }
    return out;
  }

  /**
   * Identifies this mapping: part of every row's fingerprint, so changing the mapping (or
   * null_overwrites, or, without a mapping, the model's columns) sends every row again with its
   * new fields.
   */
  public String signature() {
    return Fingerprint.hex((keyColumns + "\u0000" + known() + "\u0000" + nullOverwrites)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The record with its idempotency key for an operation. */
  public SyncRecord forOperation(SyncRecord record, Operation operation) {
    return new SyncRecord(record.key(), record.fields(), record.hash(),
        idempotencyKey(operation, record.key(), record.hash()));
  }

  String idempotencyKey(Operation operation, String key, long hash) {
    return Fingerprint.hex((sync + '\u0000' + operation + '\u0000' + key + '\u0000' + hash)
        .getBytes(StandardCharsets.UTF_8));
  }
}
