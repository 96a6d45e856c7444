package io.roundtrip.models.sql.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticScanTest {

  @Test
  void findsRefsSourcesAndConfigWithTheirLinesWithoutRendering() {
    StaticScan.Result scan = StaticScan.scan("""
        {{ config(materialized='incremental', unique_key=['id', 'day'], tags=["a"], full_refresh=false) }}
        select * from {{ ref('orders') }}
        join {{ source("web", 'tracks') }} using (id)
        left join {{ ref('my_package', 'customers') }} c on true
        """);
    assertThat(scan.refs()).containsExactly(new Ref("orders", null, 2), new Ref("customers", "my_package", 4));
    assertThat(scan.sources()).containsExactly(new SourceRef("web", "tracks", 3));
    assertThat(scan.config()).containsExactlyInAnyOrderEntriesOf(Map.of("materialized", "incremental",
        "unique_key", List.of("id", "day"), "tags", List.of("a"), "full_refresh", false));
    assertThat(scan.dynamic()).isFalse();
  }

  @Test
  void refsInSqlTextOrJinjaCommentsAreNotDependencies() {
    StaticScan.Result scan = StaticScan.scan("""
        {# {{ ref('commented_out') }} #}
        select ref('not_jinja') as x, a.ref(1) from {{ ref('real') }}
        """);
    assertThat(scan.refs()).extracting(Ref::name).containsExactly("real");
    assertThat(scan.refs().get(0).line()).isEqualTo(2);
  }

  @Test
  void aRefWhoseArgumentIsNotALiteralMakesTheTemplateDynamic() {
    StaticScan.Result scan = StaticScan.scan("""
        {% for m in ['a', 'b'] %}select * from {{ ref(m) }}{% endfor %}
        """);
    assertThat(scan.dynamic()).isTrue();
    assertThat(scan.refs()).isEmpty();
  }

  @Test
  void aConfigWithAComputedValueMakesTheTemplateDynamic() {
    assertThat(StaticScan.scan("{{ config(materialized=var('m')) }} select 1").dynamic()).isTrue();
    assertThat(StaticScan.scan("{{ config(materialized='table') }} select 1").dynamic()).isFalse();
  }

  @Test
  void refsInsideBlockTagsCount() {
    StaticScan.Result scan = StaticScan.scan("{% set orders = ref('orders') %}\nselect * from {{ orders }}");
    assertThat(scan.refs()).extracting(Ref::name).containsExactly("orders");
  }
}
