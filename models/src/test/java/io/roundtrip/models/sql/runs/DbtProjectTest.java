package io.roundtrip.models.sql.runs;

import static io.roundtrip.models.sql.SqlFixture.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.sql.SqlFixture;
import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.runs.SqlRunner.Command;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project as a dbt user writes it: dbt_project.yml with folder configs, seeds, macros, properties, tests. */
class DbtProjectTest {

  @TempDir
  Path tmp;
  SqlFixture sql;

  @BeforeEach
  void project() {
    sql = new SqlFixture(tmp);
    sql.table("shop_raw", "orders", "select * from values (1, 'c1', 1250, 'EU'), (2, 'c2', 800, 'US'), "
        + "(3, 'c1', 400, 'EU') as t(order_id, customer, amount_cents, region_code)");
    sql.file("dbt_project.yml", """
        name: jaffle
        version: '1.0.0'
        config-version: 2
        profile: jaffle
        model-paths: ["models"]
        seed-paths: ["seeds"]
        macro-paths: ["macros"]
        vars:
          min_cents: 0
        models:
          jaffle:
            +materialized: view
            staging:
              +tags: [staging]
            marts:
              +materialized: table
              +schema: marts
        seeds:
          jaffle:
            +column_types:
              region_code: string
        """);
    sql.file("seeds/regions.csv", "region_code,region_name\nEU,Europe\nUS,United States\n");
    sql.file("macros/money.sql", "{% macro to_euros(column) -%}round({{ column }} / 100.0, 2){%- endmacro %}");
    sql.file("models/staging/sources.yml", """
        version: 2
        sources:
          - name: shop
            schema: "{{ var('raw_schema', 'shop_raw') }}"
            tables:
              - name: orders
                columns:
                  - name: order_id
                    tests: [unique]
        """);
    sql.file("models/staging/stg_orders.sql", """
        select order_id, customer, {{ to_euros('amount_cents') }} as amount, region_code
        from {{ source('shop', 'orders') }}
        where amount_cents >= {{ var('min_cents') }}
        """);
    sql.file("models/marts/revenue_by_region.sql", """
        select r.region_name, sum(o.amount) as revenue, count(*) as orders
        from {{ ref('stg_orders') }} o join {{ ref('regions') }} r using (region_code)
        group by r.region_name
        """);
    sql.file("models/marts/schema.yml", """
        version: 2
        models:
          - name: revenue_by_region
            description: Revenue per region
            columns:
              - name: region_name
                tests: [unique, not_null]
        """);
  }

  private List<String> rows(String query) {
    return sql.query(query).stream().map(Row::toString).toList();
  }

  @Test
  void buildsSeedsModelsAndTestsInDependencyOrder() {
    RunReport report = sql.run(Command.BUILD);
    assertThat(report.failed()).isFalse();
    List<String> order = report.results().stream().map(NodeResult::name).toList();
    assertThat(order.indexOf("regions")).isLessThan(order.indexOf("revenue_by_region"));
    assertThat(order.indexOf("stg_orders")).isLessThan(order.indexOf("revenue_by_region"));
    assertThat(order.indexOf("revenue_by_region")).isLessThan(order.indexOf("unique_revenue_by_region_region_name"));
    assertThat(statuses(report)).containsExactlyInAnyOrder("success regions", "success stg_orders",
        "success revenue_by_region", "pass unique_revenue_by_region_region_name",
        "pass not_null_revenue_by_region_region_name", "pass unique_shop_orders_order_id");
    assertThat(rows("select * from analytics_marts.revenue_by_region order by region_name"))
        .containsExactly("[Europe,16.50,2]", "[United States,8.00,1]");
    // staging is a view in the target schema, the seed a table there
    assertThat(sql.wh.warehouse().tables("analytics")).extracting(t -> t.name()).containsExactly("regions");
    assertThat(rows("select count(*) from analytics.stg_orders")).containsExactly("[3]");
  }

  @Test
  void varsOnTheCommandLineWinOverTheProjects() {
    sql.vars = Map.of("min_cents", 500);
    sql.run(Command.BUILD);
    assertThat(rows("select * from analytics_marts.revenue_by_region order by region_name"))
        .containsExactly("[Europe,12.50,1]", "[United States,8.00,1]");
  }

  @Test
  void everyRunIsRecordedAndRetryFailedRunsWhatFailedOrWasSkipped() {
    sql.file("models/marts/revenue_by_region.sql", "select nope from {{ ref('stg_orders') }}");
    sql.file("models/marts/after.sql", "select * from {{ ref('revenue_by_region') }}");
    RunReport first = sql.run(Command.RUN);
    assertThat(statuses(first)).containsExactlyInAnyOrder("success stg_orders", "error revenue_by_region",
        "skipped after");
    List<String> recorded = rows("select name, status, rows is null, error is null from _roundtrip.sql_runs "
        + "where run_id = '" + first.runId() + "' order by name");
    assertThat(recorded).containsExactly("[after,skipped,true,false]", "[revenue_by_region,error,true,false]",
        "[stg_orders,success,true,true]");

    sql.file("models/marts/revenue_by_region.sql", "select region_code, sum(amount) as revenue from "
        + "{{ ref('stg_orders') }} group by region_code");
    RunReport retry = sql.run(Command.RUN, new SqlRunner.Options(List.of(), List.of(), false, Optional.empty(),
        Optional.empty(), true, 2));
    assertThat(statuses(retry)).containsExactly("success revenue_by_region", "success after");
    assertThat(rows("select count(distinct run_id) from _roundtrip.sql_runs")).containsExactly("[2]");
  }

  @Test
  void aProjectWithAnUnknownRefRunsNothing() {
    sql.file("models/marts/broken.sql", "select *\nfrom {{ ref('stg_order') }}");
    assertThatThrownBy(() -> sql.run(Command.BUILD)).isInstanceOf(ProjectException.class)
        .hasMessage("models/marts/broken.sql:2: model broken: ref('stg_order') names no model or seed; available: "
            + "broken, regions, revenue_by_region, stg_orders");
    assertThat(sql.wh.warehouse().namespaces()).containsExactly("shop_raw");
  }

  @Test
  void aProjectWithAJinjaErrorRunsNothing() {
    sql.file("models/marts/broken.sql", "select 1\n{% if %}");
    assertThatThrownBy(() -> sql.runner().compile(SqlFixture.options("broken")))
        .isInstanceOf(ProjectException.class).hasMessageStartingWith("models/marts/broken.sql:2: Jinja:");
  }

  @Test
  void aDynamicRefIsFoundByRenderingTheTemplate() {
    sql.file("models/marts/all_orders.sql", """
        {% for m in ['stg_orders'] %}select count(*) as n from {{ ref(m) }}{% endfor %}
        """);
    LoadedProject loaded = sql.load();
    assertThat(loaded.graph().parents("model.jaffle.all_orders")).containsExactly("model.jaffle.stg_orders");
    sql.run(Command.RUN, SqlFixture.options("+all_orders"));
    assertThat(rows("select * from analytics_marts.all_orders")).containsExactly("[3]");
  }

  @Test
  void listGivesRunOrderWithMaterializationsAndRelations() {
    List<LoadedProject.Listed> listed = sql.load().list(List.of("+revenue_by_region"), List.of());
    assertThat(listed).extracting(l -> l.resourceType() + " " + l.name() + " " + l.materialized() + " " + l.relation())
        .containsExactly("seed regions seed analytics.regions", "model stg_orders view analytics.stg_orders",
            "model revenue_by_region table analytics_marts.revenue_by_region",
            "test not_null_revenue_by_region_region_name test revenue_by_region",
            "test unique_revenue_by_region_region_name test revenue_by_region",
            "test unique_shop_orders_order_id test shop.orders");
  }
}
