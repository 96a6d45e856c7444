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
 * @param fields destination field -> mapping, in order
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
    fields = new LinkedHashMap<>(fields);
  }

  /** The model columns the mapping reads (key columns first). */
  public List<String> columns() {
    List<String> columns = new ArrayList<>(keyColumns);
    for (FieldMapping mapping : fields.values()) {
      for (String column : mapping.columns()) {
        if (!columns.contains(column)) {
          columns.add(column);
        }
      }
    }
    return columns;
  }

  /**
   * The record for a row.
   *
   * @param key the row's key (see {@code ModelRows}: computed with the fingerprint, by Spark)
   * @param hash the fingerprint of the row's mapped columns and of this mapping
   */
  public SyncRecord record(String key, long hash, Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, FieldMapping> field : fields.entrySet()) {
      field.getValue().apply(field.getKey(), row, out);
    }
    if (!nullOverwrites) {
      out.values().removeIf(java.util.Objects::isNull);
    }
    return new SyncRecord(key, out, hash, null);
  }

  /**
   * Identifies this mapping: part of every row's fingerprint, so changing the mapping (or
   * null_overwrites) sends every row again with its new fields.
   */
  public String signature() {
    return Fingerprint.hex((keyColumns + "\u0000" + fields + "\u0000" + nullOverwrites)
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
