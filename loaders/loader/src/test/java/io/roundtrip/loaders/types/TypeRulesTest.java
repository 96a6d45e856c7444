package io.roundtrip.loaders.types;

import static io.roundtrip.warehouse.ColumnType.BIGINT;
import static io.roundtrip.warehouse.ColumnType.BOOLEAN;
import static io.roundtrip.warehouse.ColumnType.DOUBLE;
import static io.roundtrip.warehouse.ColumnType.STRING;
import static io.roundtrip.warehouse.ColumnType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.warehouse.ColumnType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypeRulesTest {

  /** One sample value of each type, as the parser produces it. */
  private static final Map<ColumnType, Object> SAMPLE = Map.of(
      BIGINT, 7L, DOUBLE, 1.501, BOOLEAN, false, TIMESTAMP, "2022-05-05T00:00:00.000Z", STRING, "string value");

  @Test
  void everyPairOfTypesConvertsOrDiscardsWithItsMessage() {
    for (ColumnType column : ColumnType.values()) {
      for (ColumnType value : ColumnType.values()) {
        Object result = TypeRules.coerce(column, value, SAMPLE.get(value));
        String pair = column + " <- " + value;
        if (column == value) {
          assertThat(result).as(pair).isSameAs(SAMPLE.get(value));
        } else if (column == STRING) {
          assertThat(result).as(pair).isEqualTo(String.valueOf(SAMPLE.get(value)));
        } else if (column == DOUBLE && value == BIGINT) {
          assertThat(result).as(pair).isEqualTo(7.0);
        } else if (column == BIGINT && value == DOUBLE) {
          assertThat(result).as(pair).isSameAs(TypeRules.DISCARD);
          assertThat(TypeRules.discardReason(column, value, 1.501))
              .isEqualTo("cannot store 1.501 in bigint column without losing its fraction");
        } else {
          assertThat(result).as(pair).isSameAs(TypeRules.DISCARD);
          assertThat(TypeRules.discardReason(column, value, SAMPLE.get(value))).as(pair)
              .isEqualTo("incompatible schema conversion from " + column.sqlName() + " to " + value.sqlName());
        }
      }
    }
  }

  @Test
  void onlyABigintColumnWidensAndOnlyToDoubleWhenAFractionArrives() {
    for (ColumnType existing : ColumnType.values()) {
      assertThat(TypeRules.widened(existing, false)).as(existing + " without a fraction").isEqualTo(existing);
      assertThat(TypeRules.widened(existing, true)).as(existing + " with a fraction")
          .isEqualTo(existing == BIGINT ? DOUBLE : existing);
    }
    assertThat(TypeRules.fitsDouble(1L << 53)).isTrue();
    assertThat(TypeRules.fitsDouble((1L << 53) + 1)).isFalse();
    assertThat(TypeRules.hasFraction(4.5)).isTrue();
    assertThat(TypeRules.hasFraction(4.0)).isFalse();
    assertThat(TypeRules.hasFraction(Double.POSITIVE_INFINITY)).isFalse();
  }

  @Test
  void convertsNumbersOnlyWithoutLoss() {
    assertThat(TypeRules.coerce(BIGINT, DOUBLE, 2.0)).isEqualTo(2L);
    assertThat(TypeRules.coerce(BIGINT, DOUBLE, 1e300)).isSameAs(TypeRules.DISCARD);
    assertThat(TypeRules.coerce(DOUBLE, BIGINT, (1L << 53) + 1)).isSameAs(TypeRules.DISCARD);
    assertThat(TypeRules.discardReason(DOUBLE, BIGINT, (1L << 53) + 1))
        .isEqualTo("cannot store 9007199254740993 in double column without losing precision");
  }

  @Test
  void aNewColumnTakesTheTypeOfItsEarliestValueButMixedNumbersWiden() {
    assertThat(TypeRules.resolveNewColumn(STRING, EnumSet.of(STRING, BIGINT))).isEqualTo(STRING);
    assertThat(TypeRules.resolveNewColumn(BIGINT, EnumSet.of(STRING, BIGINT))).isEqualTo(BIGINT);
    assertThat(TypeRules.resolveNewColumn(BIGINT, EnumSet.of(BIGINT, DOUBLE))).isEqualTo(DOUBLE);
    assertThat(TypeRules.resolveNewColumn(DOUBLE, EnumSet.of(BIGINT, DOUBLE, STRING))).isEqualTo(DOUBLE);
    assertThat(TypeRules.resolveNewColumn(BOOLEAN, EnumSet.of(BOOLEAN, BIGINT, DOUBLE))).isEqualTo(BOOLEAN);
  }

  /**
   * RudderStack's HandleSchemaChange table (conformance/type-conflicts.json). Cases involving its
   * json type do not apply (arrays are JSON text in string columns here). Two differ on purpose:
   * a fraction in an int column is discarded, not truncated; and a value's type is its own (a Go
   * int labelled float is an int here, so it fits an int column).
   */
  @Test
  void agreesWithRudderStackOnSchemaChangesExceptWhereDocumented() throws Exception {
    JsonNode file;
    try (InputStream in = getClass().getResourceAsStream("/conformance/type-conflicts.json")) {
      file = new ObjectMapper().readTree(in);
    }
    Map<String, ColumnType> types = Map.of("int", BIGINT, "float", DOUBLE, "boolean", BOOLEAN, "datetime", TIMESTAMP,
        "string", STRING);
    List<String> applied = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (JsonNode c : file.get("cases")) {
      ColumnType column = types.get(c.get("existingType").asText());
      if (column == null || c.get("newType").asText().equals("json")) {
        continue;
      }
      JsonNode raw = c.get("value");
      ColumnType valueType;
      Object value;
      switch (c.get("valueGoType").asText()) {
        case "bool" -> { valueType = BOOLEAN; value = raw.asBoolean(); }
        case "int" -> { valueType = BIGINT; value = raw.asLong(); }
        case "float64" -> { valueType = DOUBLE; value = raw.asDouble(); }
        default -> { valueType = types.get(c.get("newType").asText()); value = raw.asText(); }
      }
      String name = c.get("existingType").asText() + " <- " + c.get("newType").asText() + " " + raw;
      applied.add(name);
      Object result = TypeRules.coerce(column, valueType, value);
      boolean rudderDiscards = c.get("discarded").asBoolean();
      boolean weDiscard = result == TypeRules.DISCARD;
      boolean agree = rudderDiscards == weDiscard;
      if (agree && !weDiscard) {
        JsonNode expected = c.get("expected");
        agree = expected.isNumber() ? ((Number) result).doubleValue() == expected.asDouble()
            : String.valueOf(result).equals(expected.asText());
      }
      if (agree && weDiscard) {
        String rudderMessage = c.get("error").asText().replace("int", "bigint").replace("float", "double")
            .replace("datetime", "timestamp");
        agree = TypeRules.discardReason(column, valueType, value).equals(rudderMessage)
            || valueType != types.get(c.get("newType").asText());
      }
      if (!agree) {
        differing.add(name);
      }
    }
    assertThat(applied).hasSize(23);
    assertThat(differing).containsExactlyInAnyOrder("int <- float 1.501", "int <- float 1");
  }
}
