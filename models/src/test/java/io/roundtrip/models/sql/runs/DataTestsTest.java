package io.roundtrip.models.sql.runs;

import static io.roundtrip.models.sql.SqlFixture.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.models.sql.SqlFixture;
import io.roundtrip.models.sql.runs.SqlRunner.Command;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTestsTest {

  @TempDir
  Path tmp;
  SqlFixture sql;

  @BeforeEach
  void project() {
    sql = new SqlFixture(tmp);
    sql.file("models/customers.sql", "{{ config(materialized='table') }}\n"
        + "select * from values (1, 'gold'), (2, 'silver') as t(id, tier)");
  }

  private void orders(String values) {
    sql.file("models/orders.sql", "{{ config(materialized='table') }}\nselect * from values " + values
        + " as t(id, customer_id, status)");
  }

  private static final String TESTS = """
      version: 2
      models:
        - name: orders
          columns:
            - name: id
              tests: [unique, not_null]
            - name: status
              tests:
                - accepted_values:
                    values: [placed, shipped]
            - name: customer_id
              data_tests:
                - relationships:
                    to: ref('customers')
                    field: id
      """;

  @Test
  void everyGenericTestPassesOnGoodRows() {
    sql.file("models/schema.yml", TESTS);
    orders("(1, 1, 'placed'), (2, 2, 'shipped'), (3, cast(null as int), 'placed')");
    RunReport report = sql.run(Command.BUILD);
    assertThat(report.failed()).isFalse();
    assertThat(statuses(report)).filteredOn(s -> s.startsWith("pass")).containsExactlyInAnyOrder(
        "pass unique_orders_id", "pass not_null_orders_id", "pass accepted_values_orders_status__placed__shipped",
        "pass relationships_orders_customer_id__id__ref_customers_");
  }

  @Test
  void everyGenericTestFailsOnBadRowsAndShowsThem() {
    sql.file("models/schema.yml", TESTS);
    orders("(1, 1, 'placed'), (1, 9, 'lost'), (cast(null as int), 2, 'shipped')");
    sql.run(Command.RUN);
    RunReport report = sql.run(Command.TEST);
    assertThat(report.failed()).isTrue();
    assertThat(statuses(report)).containsExactlyInAnyOrder("fail unique_orders_id", "fail not_null_orders_id",
        "fail accepted_values_orders_status__placed__shipped", "fail relationships_orders_customer_id__id__ref_customers_");
    NodeResult unique = result(report, "unique_orders_id");
    assertThat(unique.rows()).isEqualTo(1);
    assertThat(unique.sample()).containsExactly("unique_field=1, n_records=2");
    assertThat(result(report, "accepted_values_orders_status__placed__shipped").sample())
        .containsExactly("value_field=lost, n_records=1");
    assertThat(result(report, "relationships_orders_customer_id__id__ref_customers_").sample())
        .containsExactly("from_field=9");
  }

  private static NodeResult result(RunReport report, String name) {
    return report.results().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aWarnTestReportsItsRowsWithoutFailingTheRun() {
    sql.file("models/schema.yml", """
        models:
          - name: orders
            columns:
              - name: status
                tests:
                  - accepted_values:
                      values: [placed]
                      config:
                        severity: warn
        """);
    orders("(1, 1, 'placed'), (2, 1, 'shipped')");
    RunReport report = sql.run(Command.BUILD);
    assertThat(report.failed()).isFalse();
    assertThat(statuses(report)).contains("warn accepted_values_orders_status__placed");
  }

  @Test
  void aWhereConfigTestsOnlyTheRowsItSelects() {
    sql.file("models/schema.yml", """
        models:
          - name: orders
            columns:
              - name: customer_id
                tests:
                  - not_null:
                      config:
                        where: "status = 'shipped'"
        """);
    orders("(1, cast(null as int), 'placed'), (2, 1, 'shipped')");
    assertThat(statuses(sql.run(Command.BUILD))).contains("pass not_null_orders_customer_id");
  }

  @Test
  void aSingularTestFailsWithTheRowsItReturns() {
    orders("(1, 1, 'placed'), (2, 2, 'shipped')");
    sql.file("tests/no_silver_orders.sql", """
        select o.id from {{ ref('orders') }} o join {{ ref('customers') }} c on c.id = o.customer_id
        where c.tier = 'silver'
        """);
    RunReport report = sql.run(Command.BUILD);
    assertThat(statuses(report)).contains("fail no_silver_orders");
    assertThat(result(report, "no_silver_orders").sample()).containsExactly("id=2");
  }

  @Test
  void aFailingTestInABuildSkipsEverythingDownstreamOfItsModel() {
    sql.file("models/schema.yml", TESTS);
    orders("(1, 1, 'placed'), (1, 2, 'placed')");
    sql.file("models/order_report.sql", "select count(*) as orders from {{ ref('orders') }}");
    sql.file("models/later.sql", "select * from {{ ref('order_report') }}");
    sql.file("models/unrelated.sql", "select * from {{ ref('customers') }}");
    RunReport report = sql.run(Command.BUILD);
    assertThat(report.failed()).isTrue();
    assertThat(statuses(report)).contains("fail unique_orders_id", "skipped order_report", "skipped later",
        "success unrelated", "success customers", "success orders");
    assertThat(result(report, "later").message()).isEqualTo("skipped: unique_orders_id fail");
    assertThat(sql.wh.warehouse().tables("analytics").stream().map(t -> t.name()).toList())
        .containsExactlyInAnyOrder("customers", "orders");
  }

  @Test
  void aModelErrorSkipsItsTestsAndChildren() {
    sql.file("models/schema.yml", TESTS);
    orders("(1, 1, 'placed')");
    sql.file("models/orders.sql", "{{ config(materialized='table') }}\nselect no_such_column from {{ ref('customers') }}");
    sql.file("models/order_report.sql", "select count(*) as orders from {{ ref('orders') }}");
    RunReport report = sql.run(Command.BUILD);
    assertThat(statuses(report)).contains("error orders", "skipped order_report", "skipped unique_orders_id",
        "success customers");
    assertThat(result(report, "orders").message()).startsWith("models/orders.sql: [UNRESOLVED_COLUMN");
  }

  @Test
  void testsOfTheSelectedModelsRunWithTest() {
    sql.file("models/schema.yml", TESTS);
    orders("(1, 1, 'placed')");
    sql.run(Command.RUN);
    RunReport report = sql.run(Command.TEST, SqlFixture.options("customers"));
    assertThat(statuses(report)).containsExactly("pass relationships_orders_customer_id__id__ref_customers_");
    assertThat(sql.run(Command.TEST, SqlFixture.options("orders")).results()).hasSize(4);
    assertThat(List.copyOf(statuses(sql.run(Command.TEST, new SqlRunner.Options(List.of("orders"),
        List.of("test_name:unique"), false, java.util.Optional.empty(), java.util.Optional.empty(), false, 1)))))
        .hasSize(3);
  }
}
