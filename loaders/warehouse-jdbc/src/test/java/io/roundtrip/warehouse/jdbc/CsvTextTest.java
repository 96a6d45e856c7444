package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The COPY input: what PostgreSQL's csv format reads back as the values that were sent. */
class CsvTextTest {

  @Test
  void nullIsAnEmptyFieldAndAnEmptyStringIsQuoted() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", "a");
    fields.put("note", "");
    assertThat(csv(List.of("id", "missing", "note"), fields)).isEqualTo("\"a\",,\"\"\n");
  }

  @Test
  void quotesInTextAreDoubled() throws Exception {
    assertThat(csv(List.of("name"), Map.of("name", "say \"hi\", then go"))).isEqualTo("\"say \"\"hi\"\", then go\"\n");
  }

  @Test
  void numbersAndBooleansAreBareAndTimestampsAreIso() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("orders", 42L);
    fields.put("clv", 12.5);
    fields.put("vip", true);
    fields.put("seen", Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(csv(List.copyOf(fields.keySet()), fields)).isEqualTo("42,12.5,true,\"2026-11-23T08:00:00Z\"\n");
  }

  @Test
  void nestedValuesAreJsonText() throws Exception {
    Map<String, Object> fields = Map.of("tags", List.of("a", "b"));
    assertThat(csv(List.of("tags"), fields)).isEqualTo("\"[\"\"a\"\",\"\"b\"\"]\"\n");
  }

  private static String csv(List<String> columns, Map<String, Object> fields) throws Exception {
    StringWriter out = new StringWriter();
    CsvText.write(out, columns.stream().map(fields::get).toArray());
    return out.toString();
  }
}
