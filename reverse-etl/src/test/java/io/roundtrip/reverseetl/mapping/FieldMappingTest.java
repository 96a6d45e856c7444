package io.roundtrip.reverseetl.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMappingTest {

  private static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  private static Map<String, Object> apply(String field, Object spec, Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    FieldMapping.parse(field, spec).apply(field, row, out);
    return out;
  }

  @Test
  void aBareNameCopiesTheColumn() {
    assertThat(apply("Email", "email", row("email", "a@x"))).containsExactly(Map.entry("Email", "a@x"));
  }

  @Test
  void literalIsTheSameForEveryRow() {
    assertThat(apply("source", Map.of("literal", "roundtrip"), row())).containsEntry("source", "roundtrip");
  }

  @Test
  void coalesceTakesTheFirstNonNullColumn() {
    Object spec = Map.of("coalesce", List.of("work_email", "email"));
    assertThat(apply("e", spec, row("work_email", null, "email", "home@x"))).containsEntry("e", "home@x");
    assertThat(apply("e", spec, row("work_email", "work@x", "email", "home@x"))).containsEntry("e", "work@x");
    assertThat(apply("e", spec, row())).containsEntry("e", null);
  }

  @Test
  void replaceRewritesEveryMatchWithGroups() {
    Object spec = Map.of("replace", Map.of("column", "phone", "pattern", "^0(\\d+)$", "with", "+44$1"));
    assertThat(apply("phone", spec, row("phone", "07700900123"))).containsEntry("phone", "+447700900123");
    Object strip = Map.of("replace", Map.of("column", "phone", "pattern", "[^0-9]"));
    assertThat(apply("digits", strip, row("phone", "(555) 010-99"))).containsEntry("digits", "55501099");
  }

  @Test
  void templateFillsPlaceholdersAndLeavesNullsEmpty() {
    Object spec = Map.of("template", "Hi {first_name} {last_name}, you have {points} points");
    assertThat(apply("greeting", spec, row("first_name", "Ada", "points", 12L)))
        .containsEntry("greeting", "Hi Ada , you have 12 points");
    assertThat(FieldMapping.parse("g", spec).columns()).containsExactly("first_name", "last_name", "points");
  }

  @Test
  void templateValuesWithDollarSignsAreTakenLiterally() {
    assertThat(apply("t", Map.of("template", "{price}"), row("price", "$5"))).containsEntry("t", "$5");
  }

  @Test
  void flattenSpreadsNestedValuesIntoPrefixedFields() {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", "Leeds");
    address.put("geo", Map.of("lat", 53.8));
    address.put("tags", List.of("home", "billing"));
    assertThat(apply("address", Map.of("flatten", "address"), row("address", address))).containsExactly(
        Map.entry("address_city", "Leeds"), Map.entry("address_geo_lat", 53.8),
        Map.entry("address_tags", "[\"home\",\"billing\"]"));
  }

  @Test
  void flattenReadsJsonObjectText() {
    assertThat(apply("t", Map.of("flatten", "traits"), row("traits", "{\"plan\": \"gold\", \"seats\": 3}")))
        .containsEntry("t_plan", "gold").containsEntry("t_seats", 3);
  }

  @Test
  void flattenOfBrokenJsonNamesTheColumn() {
    assertThatThrownBy(() -> apply("t", Map.of("flatten", "traits"), row("traits", "{oops")))
        .hasMessageStartingWith("flatten traits: not a JSON object");
  }

  @Test
  void unknownFunctionsAndShapesAreRefusedWithTheField() {
    assertThatThrownBy(() -> FieldMapping.parse("plan", Map.of("upper", "plan")))
        .hasMessage("mapping of plan: unknown function \"upper\"; use literal, coalesce, replace, template or flatten");
    assertThatThrownBy(() -> FieldMapping.parse("plan", 42)).hasMessageStartingWith("mapping of plan: expected");
    assertThatThrownBy(() -> FieldMapping.parse("p", Map.of("replace", Map.of("column", "x", "pattern", "("))))
        .hasMessageContaining("Unclosed group");
  }
}
