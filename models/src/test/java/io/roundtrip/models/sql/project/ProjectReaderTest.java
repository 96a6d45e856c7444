package io.roundtrip.models.sql.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.models.sql.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectReaderTest {

  @TempDir
  Path dir;

  private void file(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private SqlProject read(Map<String, Object> vars) {
    return ProjectReader.read(dir, vars, v -> Renderer.forYaml(v, Map.of()));
  }

  private SqlProject read() {
    return read(Map.of());
  }

  private static final String PROJECT = """
      name: shop
      version: '1.0'
      config-version: 2
      profile: ignored
      model-paths: ["transform"]
      vars:
        region: eu
        shop:
          currency: EUR
      models:
        +tags: everything
        shop:
          +materialized: view
          staging:
            +schema: staging
            +tags: [stg]
          marts:
            materialized: table
            finance:
              +materialized: incremental
              +unique_key: id
              daily_revenue:
                +tags: daily
      seeds:
        shop:
          +column_types: {amount: double}
      """;

  @Test
  void folderConfigsApplyFromTheTopDownAndTagsAddUp() throws IOException {
    file("dbt_project.yml", PROJECT);
    file("transform/staging/stg_orders.sql", "select 1 as id");
    file("transform/marts/orders.sql", "select * from {{ ref('stg_orders') }}");
    file("transform/marts/finance/daily_revenue.sql", "{{ config(tags=['finance']) }} select * from {{ ref('orders') }}");
    file("transform/marts/finance/refunds.sql", "{{ config(materialized='table') }} select * from {{ ref('orders') }}");
    SqlProject project = read();

    Node staging = project.refable("stg_orders").orElseThrow();
    assertThat(staging.materialized()).isEqualTo("view");
    assertThat(staging.config().schema()).contains("staging");
    assertThat(staging.config().tags()).containsExactly("everything", "stg");
    assertThat(staging.fqn()).containsExactly("shop", "staging", "stg_orders");
    assertThat(project.refable("orders").orElseThrow().materialized()).isEqualTo("table");
    Node daily = project.refable("daily_revenue").orElseThrow();
    assertThat(daily.materialized()).isEqualTo("incremental");
    assertThat(daily.config().uniqueKey()).containsExactly("id");
    assertThat(daily.config().tags()).containsExactly("everything", "daily", "finance");
    // the file's own config() wins over the folder's
    assertThat(project.refable("refunds").orElseThrow().materialized()).isEqualTo("table");
  }

  @Test
  void projectVarsAreScopedByProjectNameAndCliVarsWin() throws IOException {
    file("dbt_project.yml", PROJECT);
    assertThat(read(Map.of("region", "us")).vars()).containsExactlyInAnyOrderEntriesOf(
        Map.of("region", "us", "currency", "EUR"));
  }

  @Test
  void seedsAreRefableAndTakeColumnTypesFromTheProject() throws IOException {
    file("dbt_project.yml", PROJECT);
    file("seeds/rates.csv", "code,amount\nA,1\n");
    Node seed = read().refable("rates").orElseThrow();
    assertThat(seed.type()).isEqualTo(NodeType.SEED);
    assertThat(seed.config().columnTypes()).containsEntry("amount", "double");
  }

  @Test
  void withoutDbtProjectYmlTheFolderHoldsTheModels() throws IOException {
    file("a.sql", "select 1 as x");
    file("marts/b.sql", "select * from {{ ref('a') }}");
    file("seeds/s.csv", "x\n1\n");
    SqlProject project = read();
    assertThat(project.name()).isEqualTo("roundtrip");
    assertThat(project.all()).extracting(Node::uniqueId)
        .containsExactlyInAnyOrder("model.roundtrip.a", "model.roundtrip.b", "seed.roundtrip.s");
  }

  @Test
  void propertiesGiveDocsConfigAndGenericTestsWithDbtNames() throws IOException {
    file("models/orders.sql", "select 1 as id, 'placed' as status, 1 as customer_id");
    file("models/customers.sql", "select 1 as id");
    file("models/docs.md", "{% docs order_status %}\nOne of placed, shipped.\n{% enddocs %}");
    file("models/schema.yml", """
        version: 2
        models:
          - name: orders
            description: One row per order
            config:
              materialized: table
            columns:
              - name: id
                tests: [unique, not_null]
              - name: status
                description: '{{ doc("order_status") }}'
                data_tests:
                  - accepted_values:
                      values: ['placed', 'shipped']
                      config:
                        severity: warn
              - name: customer_id
                tests:
                  - relationships:
                      to: ref('customers')
                      field: id
              - name: not_in_the_model
                description: documented only
        """);
    SqlProject project = read();
    Node orders = project.refable("orders").orElseThrow();
    assertThat(orders.materialized()).isEqualTo("table");
    assertThat(orders.description()).isEqualTo("One row per order");
    assertThat(orders.columns()).containsEntry("status", "One of placed, shipped.");
    List<Node> tests = project.all().stream().filter(n -> n.type() == NodeType.TEST).toList();
    assertThat(tests).extracting(Node::name).containsExactlyInAnyOrder(
        "unique_orders_id", "not_null_orders_id", "accepted_values_orders_status__placed__shipped",
        "relationships_orders_customer_id__id__ref_customers_");
    Node accepted = tests.stream().filter(t -> t.name().startsWith("accepted")).findFirst().orElseThrow();
    assertThat(accepted.config().severity()).isEqualTo("warn");
    assertThat(accepted.file()).isEqualTo("models/schema.yml");
    Node relationships = tests.stream().filter(t -> t.name().startsWith("relationships")).findFirst().orElseThrow();
    assertThat(relationships.refs()).extracting(Ref::name).containsExactly("orders", "customers");
    assertThat(relationships.attachedTo()).isEqualTo("model.roundtrip.orders");
  }

  @Test
  void longTestNamesAreHashedAsDbtDoes() {
    String name = ProjectReader.testName("accepted_values", "stg_orders",
        Map.of("column_name", "status", "values", List.of("placed", "shipped", "completed", "return_pending", "returned")));
    assertThat(name).matches("accepted_values_stg_orders_[0-9a-f]{32}");
  }

  @Test
  void sourceSchemasRenderVars() throws IOException {
    file("models/sources.yml", """
        sources:
          - name: events
            schema: "{{ var('source', 'demo') }}"
            tables:
              - name: tracks
              - name: orders
                identifier: order_completed
        """);
    SqlProject project = read(Map.of("source", "web"));
    assertThat(project.source("events", "tracks").orElseThrow().schema()).isEqualTo("web");
    assertThat(project.source("events", "orders").orElseThrow().identifier()).isEqualTo("order_completed");
    assertThat(read().source("events", "tracks").orElseThrow().schema()).isEqualTo("demo");
  }

  @Test
  void anUnknownDocBlockNamesTheFileLineAndTheKnownBlocks() throws IOException {
    file("models/a.sql", "select 1 as x");
    file("models/docs.md", "{% docs known %}x{% enddocs %}");
    file("models/schema.yml", "models:\n  - name: a\n    description: '{{ doc(\"missing\") }}'\n");
    assertThatThrownBy(this::read).isInstanceOf(ProjectException.class)
        .hasMessage("models/schema.yml:3: no docs block named 'missing'; known: known");
  }

  @Test
  void anUnknownGenericTestNamesTheKnownOnes() throws IOException {
    file("models/a.sql", "select 1 as x");
    file("models/schema.yml", "models:\n  - name: a\n    columns:\n      - name: x\n        tests: [uniq]\n");
    assertThatThrownBy(this::read).isInstanceOf(ProjectException.class)
        .hasMessageStartingWith("models/schema.yml:5: unknown generic test 'uniq' on column x; known: "
            + "accepted_values, not_null, relationships, unique");
  }

  @Test
  void aCustomGenericTestFromTestsGenericIsKnown() throws IOException {
    file("models/a.sql", "select 1 as x");
    file("tests/generic/positive.sql", "{% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} <= 0{% endtest %}");
    file("models/schema.yml", "models:\n  - name: a\n    columns:\n      - name: x\n        tests: [positive]\n");
    assertThat(read().all()).extracting(Node::name).contains("positive_a_x");
  }

  @Test
  void twoModelsWithOneNameAreAnError() throws IOException {
    file("models/one/a.sql", "select 1");
    file("models/two/a.sql", "select 2");
    assertThatThrownBy(this::read).isInstanceOf(ProjectException.class)
        .hasMessageContaining("two models are named 'a': models/one/a.sql and models/two/a.sql");
  }

  @Test
  void anUnknownMaterializationIsAnError() throws IOException {
    file("models/a.sql", "{{ config(materialized='snapshot') }} select 1");
    assertThatThrownBy(this::read).isInstanceOf(ProjectException.class)
        .hasMessage("models/a.sql: model a: unknown materialized 'snapshot'; known: ephemeral, incremental, table, view");
  }

  @Test
  void disabledModelsAreLeftOut() throws IOException {
    file("models/a.sql", "{{ config(enabled=false) }} select 1");
    file("models/b.sql", "select 1");
    assertThat(read().all()).extracting(Node::name).containsExactly("b");
  }

  @Test
  void badYamlNamesTheFileAndLine() throws IOException {
    file("models/schema.yml", "models:\n  - name: a\n   bad: [\n");
    assertThatThrownBy(this::read).isInstanceOf(ProjectException.class).hasMessageStartingWith("models/schema.yml:3: not valid YAML");
  }
}
