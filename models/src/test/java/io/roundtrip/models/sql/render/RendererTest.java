package io.roundtrip.models.sql.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.project.ProjectReader;
import io.roundtrip.models.sql.project.SourceTable;
import io.roundtrip.models.sql.project.SqlProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {

  @TempDir
  Path dir;

  private void file(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A scope that names relations schema.name and says the model is incremental when asked. */
  private record Scope(Node node, boolean isIncremental, Map<String, Object> vars) implements RenderScope {
    public boolean execute() {
      return true;
    }

    public RelationValue ref(Node target) {
      return new RelationValue("analytics", target.name(), "analytics." + target.name());
    }

    public RelationValue source(SourceTable table) {
      return new RelationValue(table.schema(), table.identifier(), table.schema() + "." + table.identifier());
    }

    public RelationValue self() {
      return new RelationValue("analytics", node.name(), "analytics." + node.name());
    }

    public Optional<RelationValue> existing(String schema, String identifier) {
      return schema.equals("analytics") ? Optional.of(new RelationValue(schema, identifier, schema + "." + identifier))
          : Optional.empty();
    }

    public String targetSchema() {
      return "analytics";
    }

    public String targetType() {
      return "delta";
    }

    public Optional<Map<String, String>> timeRange() {
      return Optional.empty();
    }
  }

  private String render(String model, boolean incremental) {
    SqlProject project = ProjectReader.read(dir, Map.of(), v -> Renderer.forYaml(v, Map.of()));
    Node node = project.refable(model).orElseThrow();
    return new Renderer(project, Map.of("REGION", "eu")).render(new Scope(node, incremental, project.vars())).sql();
  }

  @Test
  void rendersDbtJinja() throws IOException {
    file("dbt_project.yml", "name: p\nvars:\n  days: 3\n");
    file("macros/cents.sql", "{% macro cents(column, scale=2) -%}\nround({{ column }} / 100, {{ scale }})\n{%- endmacro %}");
    file("models/orders.sql", "select 1 as id");
    file("models/m.sql", """
        {#- a comment -#}
        {{ config(materialized='incremental') }}
        {%- set columns = ['a', 'b'] %}
        select {% for c in columns %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %},
          {{ cents('amount') }} as amount, '{{ var('days') }}' as days, '{{ var('missing', 'dflt') }}' as d,
          '{{ env_var('REGION') }}' as region, '{{ this.schema }}.{{ this.identifier }}' as me
        from {{ ref('orders') }}
        {% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}
        """);
    assertThat(render("m", false).strip() + "\n").isEqualTo("""
        select a, b,
          round(amount / 100, 2) as amount, '3' as days, 'dflt' as d,
          'eu' as region, 'analytics.m' as me
        from analytics.orders
        """);
    assertThat(render("m", true)).contains("where id > (select max(id) from analytics.m)");
  }

  @Test
  void whitespaceControlTrimsAsJinjaDoes() throws IOException {
    file("models/m.sql", "{{ this }}\n{#- c -#}\nselect a\nfrom {{ this }} y {%- if true %} z {% endif -%}\n w"
        + " {{- this.name }}\n{%- for i in [1, 2] -%}\n  {{ i }}\n{%- endfor %}");
    assertThat(render("m", false)).isEqualTo("analytics.mselect a\nfrom analytics.m y z wm12");
  }

  @Test
  void errorLinesCountLinesThatWhitespaceControlRemoved() throws IOException {
    file("models/m.sql", "select 1\n\n{%- if true -%}\n\nfrom {{ var('nope') }}\n{%- endif %}");
    assertThatThrownBy(() -> render("m", false)).isInstanceOf(ProjectException.class)
        .hasMessageStartingWith("models/m.sql:5: Required var 'nope'");
  }

  @Test
  void loadRelationIsNoneForARelationThatDoesNotExist() throws IOException {
    file("models/sources.yml", "sources:\n  - name: web\n    tables: [{name: t}]\n");
    file("models/m.sql", "{% if load_relation(source('web', 't')) %}yes{% else %}no{% endif %} "
        + "{% if load_relation(this) %}yes{% else %}no{% endif %}");
    assertThat(render("m", false)).isEqualTo("no yes");
  }

  @Test
  void aMissingVarNamesTheFileAndLine() throws IOException {
    file("models/m.sql", "select 1\nfrom t\nwhere x = {{ var('cutoff') }}");
    assertThatThrownBy(() -> render("m", false)).isInstanceOf(ProjectException.class)
        .hasMessageStartingWith("models/m.sql:3: Required var 'cutoff' not found");
  }

  @Test
  void aJinjaSyntaxErrorNamesTheFileAndLine() throws IOException {
    file("models/m.sql", "select 1\n{% if true %}\nfrom t");
    assertThatThrownBy(() -> render("m", false)).isInstanceOf(ProjectException.class)
        .hasMessageStartingWith("models/m.sql:2: Jinja: ").hasMessageContaining("endif");
  }

  @Test
  void anUnknownFunctionSaysSo() throws IOException {
    file("models/m.sql", "select\n{{ dbt_utils.star(ref('m')) }}\n{{ surrogate_key('a') }}");
    assertThatThrownBy(() -> render("m", false)).isInstanceOf(ProjectException.class)
        .hasMessageStartingWith("models/m.sql:3: Jinja: Could not resolve function 'surrogate_key'");
  }

  @Test
  void raiseCompilerErrorStopsTheRender() throws IOException {
    file("models/m.sql", "{{ exceptions.raise_compiler_error('no good') }}");
    assertThatThrownBy(() -> render("m", false)).isInstanceOf(ProjectException.class)
        .hasMessage("models/m.sql:1: no good");
  }
}
