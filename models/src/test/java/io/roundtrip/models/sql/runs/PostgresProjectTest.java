package io.roundtrip.models.sql.runs;

import static io.roundtrip.models.sql.SqlFixture.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.models.sql.runs.SqlRunner.Command;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small dbt project (seed, view, ephemeral, table, incremental append, merge and time_range,
 * generic and singular tests) built by the runner on PostgreSQL: every statement is PostgreSQL's
 * (date_trunc, ::casts, its information_schema), nothing is computed in Spark.
 */
class PostgresProjectTest {

  @TempDir
  Path tmp;
  String url;
  Warehouse warehouse;
  final List<String> progress = new ArrayList<>();

  @BeforeEach
  void project() throws IOException {
    url = Postgres.newDatabase();
    warehouse = Postgres.newWarehouse(url);
    Postgres.execute(url, "CREATE SCHEMA web; CREATE TABLE web.orders (id bigint, user_id text, country text,"
        + " status text, amount double precision, ordered_at timestamptz);"
        + " INSERT INTO web.orders VALUES (1, 'u1', 'fr', 'paid', 10, '2026-01-01 10:00:00+00'),"
        + " (2, 'u2', 'de', 'paid', 20, '2026-01-02 10:00:00+00'), (3, 'u1', 'fr', 'refunded', 5, '2026-01-02 23:00:00+00')");
    file("dbt_project.yml", "name: shop\n");
    file("seeds/countries.csv", "code,name\nfr,France\nde,Germany\n");
    file("models/sources.yml", """
        version: 2
        sources:
          - name: web
            tables:
              - name: orders
        """);
    file("models/stg_orders.sql", "select id, user_id, country, status, amount, ordered_at from {{ source('web', 'orders') }}");
    file("models/paid.sql", "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('stg_orders') }} where status = 'paid'");
    file("models/totals.sql", """
        {{ config(materialized='table') }}
        select p.user_id, sum(p.amount)::float8 as total, max(c.name) as country
        from {{ ref('paid') }} p left join {{ ref('countries') }} c on c.code = p.country
        group by p.user_id
        """);
    file("models/all_orders.sql", """
        {{ config(materialized='incremental') }}
        select id, amount from {{ ref('stg_orders') }}
        {% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}
        """);
    file("models/per_user.sql", """
        {{ config(materialized='incremental', unique_key='user_id') }}
        select user_id, count(*) as orders from {{ ref('stg_orders') }} group by user_id
        """);
    file("models/daily.sql", """
        {{ config(materialized='incremental', incremental_strategy='time_range', time_column='day') }}
        select date_trunc('day', ordered_at) as day, count(*) as orders
        from {{ ref('stg_orders') }}
        {% if is_incremental() %}where ordered_at >= {{ time_range.start }} and ordered_at < {{ time_range.end }}{% endif %}
        group by 1
        """);
    file("models/schema.yml", """
        version: 2
        models:
          - name: totals
            columns:
              - name: user_id
                tests: [unique, not_null]
          - name: stg_orders
            columns:
              - name: status
                tests:
                  - accepted_values:
                      values: ['paid', 'refunded']
          - name: per_user
            columns:
              - name: user_id
                tests:
                  - relationships:
                      to: ref('stg_orders')
                      field: user_id
        """);
    file("tests/no_negative_totals.sql", "select * from {{ ref('totals') }} where total < 0");
  }

  private void file(String path, String text) throws IOException {
    Path file = tmp.resolve("project").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private RunReport run(Command command, SqlRunner.Options options) {
    LoadedProject loaded = LoadedProject.load(tmp.resolve("project"), "analytics", Map.of(), Map.of());
    Clock clock = Clock.fixed(Instant.parse("2026-01-03T12:00:00Z"), ZoneOffset.UTC);
    return new SqlRunner(loaded, SharedSpark.session(), warehouse, clock, progress::add).execute(command, options);
  }

  private static SqlRunner.Options defaults() {
    return new SqlRunner.Options(List.of(), List.of(), false, Optional.empty(), Optional.empty(), false, 2);
  }

  private List<String> rows(String sql) {
    return Postgres.query(url, sql);
  }

  private static String message(RunReport report, String name) {
    return report.results().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().message();
  }

  @Test
  void aProjectBuildsAsPostgresSqlAndItsIncrementalModelsAddOnTheSecondRun() {
    RunReport first = run(Command.BUILD, defaults());
    assertThat(first.failed()).as(String.join("\n", progress)).isFalse();
    assertThat(statuses(first)).hasSize(11); // a seed, 5 models (the ephemeral one is inlined), 5 tests
    assertThat(rows("select table_name, table_type from information_schema.tables where table_schema = 'analytics'"
        + " order by 1")).containsExactly("all_orders|BASE TABLE", "countries|BASE TABLE", "daily|BASE TABLE",
        "per_user|BASE TABLE", "stg_orders|VIEW", "totals|BASE TABLE");
    assertThat(rows("select user_id, total, country from analytics.totals order by 1"))
        .containsExactly("u1|10.0|France", "u2|20.0|Germany");
    assertThat(rows("select count(*) from _roundtrip.sql_runs")).containsExactly("11");

    Postgres.execute(url, "INSERT INTO web.orders VALUES (4, 'u3', 'de', 'paid', 7, '2026-01-03 09:00:00+00'),"
        + " (5, 'u2', 'de', 'paid', 1, '2026-01-03 10:00:00+00')");
    RunReport second = run(Command.BUILD, defaults());
    assertThat(second.failed()).as(String.join("\n", progress)).isFalse();
    assertThat(message(second, "all_orders")).isEqualTo("incremental append");
    assertThat(rows("select id from analytics.all_orders order by id")).containsExactly("1", "2", "3", "4", "5");
    assertThat(message(second, "per_user")).isEqualTo("incremental merge");
    assertThat(rows("select user_id, orders from analytics.per_user order by 1")).containsExactly("u1|2", "u2|2", "u3|1");
    // the day of the latest row (Jan 2 23:00) is redone up to tomorrow
    assertThat(message(second, "daily")).isEqualTo("incremental time_range [2026-01-02T00:00:00Z, 2026-01-04T00:00:00Z)");
    assertThat(rows("select day::date, orders from analytics.daily order by 1"))
        .containsExactly("2026-01-01|1", "2026-01-02|2", "2026-01-03|2");
    assertThat(rows("select total from analytics.totals where user_id = 'u2'")).containsExactly("21.0");
  }

  @Test
  void aFailingTestShowsItsRowsFromPostgresAndSkipsWhatIsBuiltOnTheModel() {
    Postgres.execute(url, "INSERT INTO web.orders VALUES (9, 'u9', 'fr', 'lost', 1, '2026-01-02 10:00:00+00')");
    RunReport report = run(Command.BUILD, defaults());
    NodeResult accepted = report.results().stream().filter(r -> r.name().startsWith("accepted_values")).findFirst()
        .orElseThrow();
    assertThat(accepted.status()).isEqualTo("fail");
    assertThat(accepted.rows()).isEqualTo(1);
    assertThat(accepted.sample()).containsExactly("value_field=lost, n_records=1");
    assertThat(report.results().stream().filter(r -> r.name().equals("totals")).findFirst().orElseThrow().status())
        .isEqualTo("skipped");
    assertThat(rows("select count(*) from information_schema.tables where table_name = 'totals'")).containsExactly("0");
  }

  @Test
  void aMergeWithRepeatedKeysIsRefusedByTheRunnersCheckInPostgres() throws IOException {
    file("models/per_user.sql", """
        {{ config(materialized='incremental', unique_key='user_id') }}
        select user_id, id as orders from {{ ref('stg_orders') }}
        """);
    RunReport report = run(Command.RUN, defaults());
    assertThat(message(report, "per_user"))
        .isEqualTo("models/per_user.sql: the new rows repeat unique_key values, e.g. user_id=u1 (2 rows); nothing was written");
  }
}
