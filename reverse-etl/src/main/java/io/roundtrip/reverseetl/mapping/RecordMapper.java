package io.roundtrip.reverseetl.mapping;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns model rows into the records a destination receives: the primary key, the mapped fields,
 * and a hash of those fields that the sync state remembers.
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

  /** The key of a row, or null when a key column is null. */
  public String key(Map<String, Object> row) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < keyColumns.size(); i++) {
      Object value = row.get(keyColumns.get(i));
      if (value == null) {
        return null;
      }
      if (i > 0) {
        key.append(KEY_SEPARATOR);
      }
      key.append(value);
    }
    return key.toString();
  }

  /** The record for a row (its key must not be null). */
  public SyncRecord record(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, FieldMapping> field : fields.entrySet()) {
      field.getValue().apply(field.getKey(), row, out);
    }
    if (!nullOverwrites) {
      out.values().removeIf(java.util.Objects::isNull);
    }
    String key = key(row);
    long hash = hash(out);
    return new SyncRecord(key, out, hash, null);
  }

  /** The record with its idempotency key for an operation. */
  public SyncRecord forOperation(SyncRecord record, Operation operation) {
    return new SyncRecord(record.key(), record.fields(), record.hash(),
        idempotencyKey(operation, record.key(), record.hash()));
  }

  String idempotencyKey(Operation operation, String key, long hash) {
    return HexFormat.of().formatHex(sha256(sync + '\u0000' + operation + '\u0000' + key + '\u0000' + hash), 0, 16);
  }

  /** A hash of the fields, independent of their order. */
  static long hash(Map<String, Object> fields) {
    StringBuilder canonical = new StringBuilder();
    for (Map.Entry<String, Object> field : new TreeMap<>(fields).entrySet()) {
      canonical.append(field.getKey()).append('\u0000').append(canonical(field.getValue())).append('\u0001');
    }
    byte[] digest = sha256(canonical.toString());
    long hash = 0;
    for (int i = 0; i < 8; i++) {
      hash = (hash << 8) | (digest[i] & 0xff);
    }
    return hash;
  }

  private static String canonical(Object value) {
    if (value == null) {
      return "\u0002";
    }
    if (value instanceof Instant || value instanceof java.sql.Timestamp) {
      return value instanceof java.sql.Timestamp t ? t.toInstant().toString() : value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, String> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
      return sorted.toString();
    }
    return value.getClass().getSimpleName() + ":" + value;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
