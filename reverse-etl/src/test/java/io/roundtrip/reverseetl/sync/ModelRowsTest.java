package io.roundtrip.reverseetl.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.mapping.FieldMapping;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The key and fingerprint expressions, evaluated by Spark. */
class ModelRowsTest {

  private static RecordMapper mapper(String template) {
    Map<String, FieldMapping> fields = new LinkedHashMap<>();
    fields.put("first", new FieldMapping.Column("first"));
    fields.put("greeting", new FieldMapping.Template(template));
    return new RecordMapper("s", List.of("tenant", "id"), fields, false);
  }

  private static final Map<String, DataType> TYPES = new HashMap<>(Map.of("tenant", DataTypes.StringType,
      "id", DataTypes.LongType, "first", DataTypes.StringType, "last", DataTypes.StringType));

  /** Key and fingerprint of each (tenant, id, first, last) row. */
  private static List<Row> evaluate(RecordMapper mapper, String... rows) {
    String values = String.join(", ", rows);
    return SharedSpark.session().sql("SELECT " + ModelRows.keyExpression(mapper.keyColumns()) + " AS k, "
        + ModelRows.fingerprintExpression(mapper, TYPES) + " AS f FROM VALUES " + values
        + " AS t(tenant, id, first, last)").collectAsList();
  }

  @Test
  void theKeyIsTheKeyColumnsAsTextAndNullWhenAnyIsNull() {
    List<Row> rows = evaluate(mapper("{last}"), "('acme', 7L, 'Ada', 'L')", "(NULL, 8L, 'Bo', 'M')");
    assertThat(rows.get(0).getString(0)).isEqualTo("acme\u001f7");
    assertThat(rows.get(1).isNullAt(0)).isTrue();
  }

  @Test
  void equalRowsShareAFingerprintAndAnyChangeMovesIt() {
    List<Row> rows = evaluate(mapper("{last}"), "('a', 1L, 'Ada', 'Lovelace')", "('a', 1L, 'Ada', 'Lovelace')",
        "('a', 1L, 'Ada', 'Byron')", "('a', 1L, NULL, 'Lovelace')");
    assertThat(rows.get(1).getLong(1)).isEqualTo(rows.get(0).getLong(1));
    assertThat(rows.get(2).getLong(1)).isNotEqualTo(rows.get(0).getLong(1));
    assertThat(rows.get(3).getLong(1)).isNotEqualTo(rows.get(0).getLong(1));
  }

  @Test
  void aValueMovingToTheNextColumnIsAChange() {
    List<Row> rows = evaluate(mapper("{last}"), "('a', 1L, 'Smith', NULL)", "('a', 1L, NULL, 'Smith')");
    assertThat(rows.get(0).getLong(1)).isNotEqualTo(rows.get(1).getLong(1));
  }

  @Test
  void changingTheMappingChangesEveryFingerprint() {
    long before = evaluate(mapper("Hi {last}"), "('a', 1L, 'Ada', 'L')").get(0).getLong(1);
    long after = evaluate(mapper("Hello {last}"), "('a', 1L, 'Ada', 'L')").get(0).getLong(1);
    assertThat(after).isNotEqualTo(before);
  }
}
