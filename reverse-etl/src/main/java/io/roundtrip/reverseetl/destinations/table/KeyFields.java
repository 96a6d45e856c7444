package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record with the table's key fields filled from its sync key when the mapping left them out:
 * a removal carries only what the key gives, and {@code key_fields} name the model's primary key
 * columns in order.
 */
final class KeyFields {

  private KeyFields() {}

  static SyncRecord fill(SyncRecord record, List<String> keys, String table) {
    if (record.fields().keySet().containsAll(keys)) {
      return record;
    }
    String[] parts = record.key().split(String.valueOf(RecordMapper.KEY_SEPARATOR), -1);
    if (parts.length != keys.size()) {
      throw new IllegalArgumentException("table " + table + ": key_fields " + keys + " do not match the key "
          + "of record " + record.key().replace(RecordMapper.KEY_SEPARATOR, '|'));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      fields.put(keys.get(i), parts[i]);
    }
    fields.putAll(record.fields());
    return new SyncRecord(record.key(), fields, record.hash(), record.idempotencyKey());
  }
}
