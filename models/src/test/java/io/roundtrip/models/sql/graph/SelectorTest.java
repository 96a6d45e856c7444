package io.roundtrip.models.sql.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.project.ProjectReader;
import io.roundtrip.models.sql.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project: raw (seed) -> stg_a (staging, tag stg) -> mart_b (marts, table, tag daily) -> report_c (marts),
 * and stg_x (staging, from source web.tracks) -> mart_b; tests: unique on mart_b, not_null on stg_a.
 */
class SelectorTest {

  @TempDir
  Path dir;
  private Selector selector;

  private void file(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @BeforeEach
  void project() throws IOException {
    file("seeds/raw.csv", "id\n1\n");
    file("models/staging/stg_a.sql", "{{ config(tags=['stg']) }} select * from {{ ref('raw') }}");
    file("models/staging/stg_x.sql", "select * from {{ source('web', 'tracks') }}");
    file("models/marts/mart_b.sql", "{{ config(materialized='table', tags=['daily', 'stg']) }} "
        + "select * from {{ ref('stg_a') }} join {{ ref('stg_x') }}");
    file("models/marts/report_c.sql", "select * from {{ ref('mart_b') }}");
    file("models/schema.yml", """
        sources:
          - name: web
            tables: [{name: tracks}]
        models:
          - name: mart_b
            columns: [{name: id, tests: [unique]}]
          - name: stg_a
            columns: [{name: id, tests: [not_null]}]
        """);
    selector = new Selector(ProjectGraph.of(ProjectReader.read(dir, Map.of(), v -> Renderer.forYaml(v, Map.of()))));
  }

  /** Short names of the selected nodes (tests as test:name), sorted. */
  private Set<String> select(String... specs) {
    return names(selector.select(List.of(specs), List.of()));
  }

  private static Set<String> names(Set<String> ids) {
    Set<String> names = new TreeSet<>();
    for (String id : ids) {
      String[] parts = id.split("\\.");
      names.add(id.startsWith("test.") ? "test:" + parts[2] : id.startsWith("source.") ? "source:" + parts[2] + "." + parts[3]
          : parts[2]);
    }
    return names;
  }

  @Test
  void aNameSelectsTheNodeAndItsTests() {
    assertThat(select("mart_b")).containsExactly("mart_b", "test:unique_mart_b_id");
  }

  @Test
  void plusBeforeSelectsAncestorsAndPlusAfterDescendants() {
    assertThat(select("+mart_b")).containsExactly("mart_b", "raw", "source:web.tracks", "stg_a", "stg_x",
        "test:not_null_stg_a_id", "test:unique_mart_b_id");
    assertThat(select("stg_a+")).containsExactly("mart_b", "report_c", "stg_a", "test:not_null_stg_a_id",
        "test:unique_mart_b_id");
    assertThat(select("+stg_a+")).containsExactly("mart_b", "raw", "report_c", "stg_a", "test:not_null_stg_a_id",
        "test:unique_mart_b_id");
  }

  @Test
  void aDepthLimitsTheGraphOperators() {
    assertThat(select("raw+1")).containsExactly("raw", "stg_a", "test:not_null_stg_a_id");
    assertThat(select("1+report_c")).containsExactly("mart_b", "report_c", "test:unique_mart_b_id");
  }

  @Test
  void atSelectsDescendantsAndTheirAncestors() {
    assertThat(select("@stg_x")).containsExactly("mart_b", "raw", "report_c", "source:web.tracks", "stg_a", "stg_x",
        "test:not_null_stg_a_id", "test:unique_mart_b_id");
  }

  @Test
  void tagPathSourceAndConfigMethods() {
    assertThat(select("tag:daily")).containsExactly("mart_b", "test:unique_mart_b_id");
    assertThat(select("path:models/staging")).containsExactly("stg_a", "stg_x", "test:not_null_stg_a_id");
    assertThat(select("staging")).containsExactly("stg_a", "stg_x", "test:not_null_stg_a_id");
    assertThat(select("source:web+")).containsExactly("mart_b", "report_c", "source:web.tracks", "stg_x",
        "test:unique_mart_b_id");
    assertThat(select("config.materialized:table")).containsExactly("mart_b", "test:unique_mart_b_id");
    assertThat(select("resource_type:seed")).containsExactly("raw");
    assertThat(select("test_type:generic")).containsExactly("test:not_null_stg_a_id", "test:unique_mart_b_id");
    assertThat(select("test_name:unique")).containsExactly("test:unique_mart_b_id");
    assertThat(select("stg_*")).containsExactly("stg_a", "stg_x", "test:not_null_stg_a_id");
  }

  @Test
  void spacesAreUnionsAndCommasIntersections() {
    assertThat(select("stg_a report_c")).containsExactly("report_c", "stg_a", "test:not_null_stg_a_id");
    assertThat(select("stg_a", "report_c")).containsExactly("report_c", "stg_a", "test:not_null_stg_a_id");
    assertThat(select("tag:stg,path:models/marts")).containsExactly("mart_b", "test:unique_mart_b_id");
    assertThat(select("+report_c,tag:stg")).containsExactly("mart_b", "stg_a", "test:not_null_stg_a_id",
        "test:unique_mart_b_id");
  }

  @Test
  void excludeRemovesNodesAndTheirTests() {
    assertThat(names(selector.select(List.of("stg_a+"), List.of("mart_b")))).containsExactly("report_c", "stg_a",
        "test:not_null_stg_a_id");
    assertThat(names(selector.select(List.of(), List.of("tag:stg"))))
        .containsExactly("raw", "report_c", "source:web.tracks", "stg_x");
  }

  @Test
  void noSelectionSelectsEverything() {
    assertThat(names(selector.select(List.of(), List.of()))).hasSize(8);
  }

  @Test
  void anUnknownMethodIsAnError() {
    assertThatThrownBy(() -> select("tags:daily")).isInstanceOf(ProjectException.class)
        .hasMessageStartingWith("Unknown selector method in 'tags:daily'; known: tag, path,");
  }
}
