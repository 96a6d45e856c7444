package io.roundtrip.warehouse.naming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of Segment's go-snakecase test table (conformance/segment-snakecase.json). */
class SnakeCaseTest {

  static Stream<Arguments> vectors() throws IOException {
    try (InputStream in = SnakeCaseTest.class.getResourceAsStream("/conformance/segment-snakecase.json")) {
      List<Arguments> cases = new ArrayList<>();
      for (JsonNode vector : new ObjectMapper().readTree(in)) {
        cases.add(Arguments.of(vector.get("in").asText(), vector.get("out").asText()));
      }
      assertThat(cases).hasSize(32);
      return cases.stream();
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("vectors")
  void matchesSegment(String in, String out) {
    assertThat(SnakeCase.of(in)).isEqualTo(out);
  }
}
