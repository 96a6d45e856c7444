package io.roundtrip.models.sql.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.project.ProjectReader;
import io.roundtrip.models.sql.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectGraphTest {

  @TempDir
  Path dir;

  private void file(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private ProjectGraph graph() {
    return ProjectGraph.of(ProjectReader.read(dir, Map.of(), v -> Renderer.forYaml(v, Map.of())));
  }

  @Test
  void runOrderPutsParentsFirst() throws IOException {
    file("models/c.sql", "select * from {{ ref('b') }}");
    file("models/b.sql", "select * from {{ ref('a') }}");
    file("models/a.sql", "select 1");
    file("models/d.sql", "select * from {{ ref('a') }}");
    assertThat(graph().order()).containsExactly("model.roundtrip.a", "model.roundtrip.b", "model.roundtrip.c",
        "model.roundtrip.d");
  }

  @Test
  void anUnknownRefNamesTheFileLineAndWhatIsAvailable() throws IOException {
    file("models/a.sql", "select 1");
    file("models/b.sql", "select *\nfrom {{ ref('aa') }}");
    assertThatThrownBy(this::graph).isInstanceOf(ProjectException.class)
        .hasMessage("models/b.sql:2: model b: ref('aa') names no model or seed; available: a, b");
  }

  @Test
  void anUndeclaredSourceNamesTheDeclaredOnes() throws IOException {
    file("models/sources.yml", "sources:\n  - name: web\n    tables: [{name: pages}]\n");
    file("models/a.sql", "select * from {{ source('web', 'tracks') }}");
    assertThatThrownBy(this::graph).isInstanceOf(ProjectException.class)
        .hasMessage("models/a.sql:1: model a: source('web', 'tracks') is not declared; available: web.pages");
  }

  @Test
  void aCycleIsNamedWithItsFiles() throws IOException {
    file("models/a.sql", "select * from {{ ref('c') }}");
    file("models/b.sql", "select * from {{ ref('a') }}");
    file("models/c.sql", "select * from {{ ref('b') }}");
    file("models/ok.sql", "select 1");
    assertThatThrownBy(this::graph).isInstanceOf(ProjectException.class)
        .hasMessage("models/a.sql: dependency cycle: a -> b -> c -> a (in models/a.sql, models/b.sql, models/c.sql)");
  }
}
