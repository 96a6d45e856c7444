package io.roundtrip.reverseetl.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMapperTest {

  private static RecordMapper mapper(boolean nullOverwrites) {
    Map<String, FieldMapping> fields = new LinkedHashMap<>();
    fields.put("email", new FieldMapping.Column("email"));
    fields.put("name", new FieldMapping.Column("name"));
    return new RecordMapper("crm", List.of("tenant", "id"), fields, nullOverwrites);
  }

  private static Map<String, Object> row(String tenant, String id, String email, String name) {
    Map<String, Object> row = new HashMap<>();
    row.put("tenant", tenant);
    row.put("id", id);
    row.put("email", email);
    row.put("name", name);
    return row;
  }

  @Test
  void theKeyJoinsEveryKeyColumnAndIsNullWhenOneIs() {
    assertThat(mapper(false).key(row("t1", "c1", null, null))).isEqualTo("t1\u001fc1");
    assertThat(mapper(false).key(row("t1", null, null, null))).isNull();
  }

  @Test
  void theHashChangesWithAnyFieldAndNotWithFieldOrder() {
    RecordMapper mapper = mapper(true);
    SyncRecord a = mapper.record(row("t", "c", "a@x", "Ada"));
    assertThat(mapper.record(row("t", "c", "a@x", "Ada")).hash()).isEqualTo(a.hash());
    assertThat(mapper.record(row("t", "c", "a@x", "Adb")).hash()).isNotEqualTo(a.hash());
    Map<String, Object> reversed = new LinkedHashMap<>();
    reversed.put("name", "Ada");
    reversed.put("email", "a@x");
    assertThat(RecordMapper.hash(reversed)).isEqualTo(a.hash());
  }

  @Test
  void aTypeChangeIsAChange() {
    assertThat(RecordMapper.hash(Map.of("n", 1L))).isNotEqualTo(RecordMapper.hash(Map.of("n", "1")));
  }

  @Test
  void nullsAreLeftOutUnlessTheyOverwrite() {
    assertThat(mapper(false).record(row("t", "c", "a@x", null)).fields()).containsOnlyKeys("email");
    assertThat(mapper(true).record(row("t", "c", "a@x", null)).fields()).containsEntry("name", null);
  }

  @Test
  void theIdempotencyKeyIsStableForTheSameContentAndDiffersPerOperationAndContent() {
    RecordMapper mapper = mapper(false);
    SyncRecord record = mapper.record(row("t", "c", "a@x", "Ada"));
    String insert = mapper.forOperation(record, Operation.INSERT).idempotencyKey();
    assertThat(mapper.forOperation(record, Operation.INSERT).idempotencyKey()).isEqualTo(insert).hasSize(32);
    assertThat(mapper.forOperation(record, Operation.UPDATE).idempotencyKey()).isNotEqualTo(insert);
    SyncRecord changed = mapper.record(row("t", "c", "b@x", "Ada"));
    assertThat(mapper.forOperation(changed, Operation.INSERT).idempotencyKey()).isNotEqualTo(insert);
  }

  @Test
  void columnsAreTheKeyThenWhatTheMappingsRead() {
    Map<String, FieldMapping> fields = new LinkedHashMap<>();
    fields.put("greeting", new FieldMapping.Template("{first} {id}"));
    fields.put("email", new FieldMapping.Coalesce(List.of("work_email", "email")));
    assertThat(new RecordMapper("s", List.of("id"), fields, false).columns())
        .containsExactly("id", "first", "work_email", "email");
  }

  @Test
  void sparkValuesBecomePlainJavaValues() {
    assertThat(ModelValues.plain(7)).isEqualTo(7L);
    assertThat(ModelValues.plain(new BigDecimal("12.50"))).isEqualTo(12.5);
    assertThat(ModelValues.plain(new BigDecimal("12345678901234567890.123"))).isEqualTo("12345678901234567890.123");
    assertThat(ModelValues.plain(java.time.LocalDate.of(2026, 11, 23))).isEqualTo("2026-11-23");
    var struct = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {"Leeds", 3},
        new org.apache.spark.sql.types.StructType().add("city", "string").add("floor", "int"));
    assertThat(ModelValues.plain(struct)).isEqualTo(Map.of("city", "Leeds", "floor", 3L));
    var seq = scala.jdk.javaapi.CollectionConverters.asScala(List.of(1, 2)).toSeq();
    assertThat(ModelValues.plain(seq)).isEqualTo(List.of(1L, 2L));
  }
}
