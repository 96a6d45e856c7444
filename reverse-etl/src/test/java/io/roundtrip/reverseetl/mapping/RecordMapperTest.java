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
  void nullsAreLeftOutUnlessTheyOverwrite() {
    assertThat(mapper(false).record("t\u001fc", 1, row("t", "c", "a@x", null)).fields()).containsOnlyKeys("email");
    assertThat(mapper(true).record("t\u001fc", 1, row("t", "c", "a@x", null)).fields()).containsEntry("name", null);
  }

  @Test
  void theIdempotencyKeyIsStableForTheSameContentAndDiffersPerOperationAndContent() {
    RecordMapper mapper = mapper(false);
    SyncRecord record = mapper.record("t\u001fc", 42, row("t", "c", "a@x", "Ada"));
    String insert = mapper.forOperation(record, Operation.INSERT).idempotencyKey();
    assertThat(mapper.forOperation(record, Operation.INSERT).idempotencyKey()).isEqualTo(insert).hasSize(32);
    assertThat(mapper.forOperation(record, Operation.UPDATE).idempotencyKey()).isNotEqualTo(insert);
    SyncRecord changed = mapper.record("t\u001fc", 43, row("t", "c", "b@x", "Ada"));
    assertThat(mapper.forOperation(changed, Operation.INSERT).idempotencyKey()).isNotEqualTo(insert);
  }

  @Test
  void theSignatureChangesWithTheMappingAndWithNullOverwrites() {
    Map<String, FieldMapping> renamed = new LinkedHashMap<>();
    renamed.put("mail", new FieldMapping.Column("email"));
    renamed.put("name", new FieldMapping.Column("name"));
    assertThat(mapper(false).signature()).isEqualTo(mapper(false).signature())
        .isNotEqualTo(mapper(true).signature())
        .isNotEqualTo(new RecordMapper("crm", List.of("tenant", "id"), renamed, false).signature());
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
