package io.roundtrip.models.sql.runs;

import static io.roundtrip.models.sql.SqlFixture.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.models.sql.SqlFixture;
import io.roundtrip.models.sql.runs.SqlRunner.Command;
import io.roundtrip.warehouse.SqlModelTarget;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.TimeTravel;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterializationsTest {

  @TempDir
  Path tmp;
  SqlFixture sql;

  static final String SOURCES = """
      version: 2
      sources:
        - name: web
          tables:
            - name: orders
      """;

  @BeforeEach
  void project() {
    sql = new SqlFixture(tmp);
    sql.file("models/sources.yml", SOURCES);
    orders("(1, 'u1', 10.0, timestamp'2026-01-01 10:00:00'), (2, 'u2', 20.0, timestamp'2026-01-02 10:00:00')");
  }

  private void orders(String values) {
    sql.table("web", "orders", "select id, user_id, cast(amount as double) as amount, ordered_at from values " + values
        + " as t(id, user_id, amount, ordered_at)");
  }

  private List<String> rows(String query) {
    return sql.query(query).stream().map(Row::toString).toList();
  }

  private long version(String namespace, String table) {
    return sql.wh.warehouse().ability(TimeTravel.class).orElseThrow().version(new TableId(namespace, table)).orElseThrow();
  }

  @Test
  void aViewIsReplacedAndOutlivesTheSession() {
    sql.file("models/big.sql", "select id from {{ source('web', 'orders') }} where amount > 15");
    assertThat(statuses(sql.run(Command.RUN))).containsExactly("success big");
    assertThat(rows("select * from analytics.big")).containsExactly("[2]");
    sql.file("models/big.sql", "select id, amount from {{ source('web', 'orders') }} where amount > 5 order by id");
    sql.run(Command.RUN);
    assertThat(rows("select * from analytics.big")).containsExactly("[1,10.0]", "[2,20.0]");

    // a new session knows nothing of it; registering the warehouse's tables brings it back
    sql.wh.spark().sql("DROP VIEW analytics.big");
    assertThat(rows("select count(*) from analytics.big")).containsExactly("[2]");
    assertThat(sql.wh.warehouse().schema(new TableId("analytics", "big"))).isEmpty(); // a view, not a table
  }

  @Test
  void aTableIsReplacedInOneCommitAndAFailedBuildLeavesTheOldOne() {
    sql.file("models/totals.sql", "{{ config(materialized='table') }}\n"
        + "select user_id, sum(amount) as total from {{ source('web', 'orders') }} group by user_id");
    sql.run(Command.RUN);
    long first = version("analytics", "totals");
    orders("(1, 'u1', 10.0, timestamp'2026-01-01 10:00:00'), (3, 'u1', 5.0, timestamp'2026-01-03 10:00:00')");
    sql.run(Command.RUN);
    assertThat(version("analytics", "totals")).isEqualTo(first + 1);
    assertThat(rows("select * from analytics.totals")).containsExactly("[u1,15.0]");

    // the new rows fail half-way (a cast that fails at run time): the table keeps the rows it had
    sql.file("models/totals.sql", "{{ config(materialized='table') }}\n"
        + "select user_id, cast(concat('x', user_id) as int) as total from {{ source('web', 'orders') }}");
    RunReport failed = sql.run(Command.RUN);
    assertThat(statuses(failed)).containsExactly("error totals");
    assertThat(failed.results().get(0).message()).startsWith("models/totals.sql: ");
    assertThat(version("analytics", "totals")).isEqualTo(first + 1);
    assertThat(rows("select * from analytics.totals")).containsExactly("[u1,15.0]");
  }

  @Test
  void aModelThatTurnsFromTableToViewDropsTheTableAndBack() {
    sql.file("models/m.sql", "{{ config(materialized='table') }} select 1 as x");
    sql.run(Command.RUN);
    assertThat(sql.wh.warehouse().schema(new TableId("analytics", "m"))).isPresent();
    sql.file("models/m.sql", "{{ config(materialized='view') }} select 2 as x");
    sql.run(Command.RUN);
    assertThat(sql.wh.warehouse().schema(new TableId("analytics", "m"))).isEmpty();
    assertThat(rows("select * from analytics.m")).containsExactly("[2]");
    sql.file("models/m.sql", "{{ config(materialized='table') }} select 3 as x");
    sql.run(Command.RUN);
    assertThat(sql.wh.warehouse().ability(SqlModelTarget.class).orElseThrow()
        .describe(new SqlModelTarget.Relation("analytics", "m")).orElseThrow().kind()).isEqualTo(SqlModelTarget.Kind.TABLE);
    assertThat(rows("select * from analytics.m")).containsExactly("[3]");
  }

  static final String APPEND = """
      {{ config(materialized='incremental') }}
      select id, amount from {{ source('web', 'orders') }}
      {% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}
      """;

  @Test
  void anIncrementalAppendAddsOnlyNewRowsOnTheSecondRun() {
    sql.file("models/inc.sql", APPEND);
    RunReport first = sql.run(Command.RUN);
    assertThat(first.results().get(0).rows()).as(first.results().toString()).isEqualTo(2);
    orders("(1, 'u1', 10.0, timestamp'2026-01-01 10:00:00'), (2, 'u2', 20.0, timestamp'2026-01-02 10:00:00'), "
        + "(3, 'u3', 30.0, timestamp'2026-01-03 10:00:00')");
    RunReport second = sql.run(Command.RUN);
    assertThat(second.results().get(0).rows()).isEqualTo(1);
    assertThat(second.results().get(0).message()).isEqualTo("incremental append");
    assertThat(rows("select id from analytics.inc order by id")).containsExactly("[1]", "[2]", "[3]");

    // --full-refresh rebuilds it whole
    RunReport refreshed = sql.run(Command.RUN, SqlFixture.fullRefresh());
    assertThat(refreshed.results().get(0).rows()).isEqualTo(3);
    assertThat(rows("select count(*) from analytics.inc")).containsExactly("[3]");
  }

  static final String MERGE = """
      {{ config(materialized='incremental', unique_key='user_id') }}
      select user_id, sum(amount) as total from {{ source('web', 'orders') }} group by user_id
      """;

  @Test
  void aMergeUpdatesMatchingKeysAndInsertsTheRest() {
    sql.file("models/per_user.sql", MERGE);
    sql.run(Command.RUN);
    orders("(5, 'u2', 7.0, timestamp'2026-01-05 10:00:00'), (6, 'u3', 3.0, timestamp'2026-01-05 11:00:00')");
    RunReport second = sql.run(Command.RUN);
    assertThat(second.results().get(0).message()).isEqualTo("incremental merge");
    assertThat(rows("select * from analytics.per_user order by user_id"))
        .containsExactly("[u1,10.0]", "[u2,7.0]", "[u3,3.0]");
  }

  @Test
  void aMergeWithRepeatedOrNullKeysFailsBeforeWritingAndNamesExamples() {
    sql.file("models/per_user.sql", MERGE);
    sql.run(Command.RUN);
    long before = version("analytics", "per_user");
    sql.file("models/per_user.sql", """
        {{ config(materialized='incremental', unique_key='user_id') }}
        select user_id, amount as total from {{ source('web', 'orders') }}
        """);
    orders("(5, 'u2', 7.0, timestamp'2026-01-05 10:00:00'), (6, 'u2', 3.0, timestamp'2026-01-05 11:00:00'), "
        + "(7, 'u9', 1.0, timestamp'2026-01-05 11:00:00')");
    RunReport duplicates = sql.run(Command.RUN);
    assertThat(statuses(duplicates)).containsExactly("error per_user");
    assertThat(duplicates.results().get(0).message()).isEqualTo("models/per_user.sql: the new rows repeat "
        + "unique_key values, e.g. user_id=u2 (2 rows); nothing was written");

    orders("(5, cast(null as string), 7.0, timestamp'2026-01-05 10:00:00')");
    RunReport nulls = sql.run(Command.RUN);
    assertThat(nulls.results().get(0).message())
        .isEqualTo("models/per_user.sql: 1 new row(s) have a null unique_key (user_id); nothing was written");
    assertThat(version("analytics", "per_user")).isEqualTo(before);
  }

  static final String DAILY = """
      {{ config(materialized='incremental', incremental_strategy='time_range', time_column='day') }}
      select date_trunc('DAY', ordered_at) as day, count(*) as orders, sum(amount) as amount
      from {{ source('web', 'orders') }}
      {% if is_incremental() %}where ordered_at >= {{ time_range.start }} and ordered_at < {{ time_range.end }}{% endif %}
      group by 1
      """;

  @Test
  void aTimeRangeRunReplacesExactlyItsIntervalAndARerunChangesNothing() {
    orders("(1, 'u1', 10.0, timestamp'2026-01-01 10:00:00'), (2, 'u2', 20.0, timestamp'2026-01-02 10:00:00'), "
        + "(3, 'u3', 30.0, timestamp'2026-01-03 10:00:00')");
    sql.file("models/daily.sql", DAILY);
    sql.run(Command.RUN);
    assertThat(rows("select cast(day as date), orders from analytics.daily order by day"))
        .containsExactly("[2026-01-01,1]", "[2026-01-02,1]", "[2026-01-03,1]");

    // late events for Jan 2 and 3 arrive; a backfill of [Jan 2, Jan 3) redoes Jan 2 only
    orders("(1, 'u1', 10.0, timestamp'2026-01-01 10:00:00'), (2, 'u2', 20.0, timestamp'2026-01-02 10:00:00'), "
        + "(4, 'u4', 5.0, timestamp'2026-01-02 23:00:00'), (3, 'u3', 30.0, timestamp'2026-01-03 10:00:00'), "
        + "(5, 'u5', 1.0, timestamp'2026-01-03 11:00:00')");
    RunReport backfill = sql.run(Command.RUN, SqlFixture.range("2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"));
    assertThat(backfill.results().get(0).message())
        .isEqualTo("incremental time_range [2026-01-02T00:00:00Z, 2026-01-03T00:00:00Z)");
    assertThat(backfill.results().get(0).rows()).isEqualTo(1);
    List<String> afterBackfill = rows("select cast(day as date), orders, amount from analytics.daily order by day");
    assertThat(afterBackfill).containsExactly("[2026-01-01,1,10.0]", "[2026-01-02,2,25.0]", "[2026-01-03,1,30.0]");
    sql.run(Command.RUN, SqlFixture.range("2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"));
    assertThat(rows("select cast(day as date), orders, amount from analytics.daily order by day"))
        .isEqualTo(afterBackfill);

    // without --start, a run redoes the day of the latest row (Jan 3) up to tomorrow (the clock says Jan 10)
    RunReport latest = sql.run(Command.RUN);
    assertThat(latest.results().get(0).message())
        .isEqualTo("incremental time_range [2026-01-03T00:00:00Z, 2026-01-11T00:00:00Z)");
    assertThat(rows("select cast(day as date), orders from analytics.daily order by day"))
        .containsExactly("[2026-01-01,1]", "[2026-01-02,2]", "[2026-01-03,2]");
  }

  @Test
  void aSchemaChangeOnAnIncrementalModelFailsByDefaultListingTheColumns() {
    sql.file("models/inc.sql", APPEND);
    sql.run(Command.RUN);
    sql.file("models/inc.sql", APPEND.replace("select id, amount", "select id, user_id, cast(amount as int) as amount"));
    RunReport changed = sql.run(Command.RUN);
    assertThat(changed.results().get(0).message()).isEqualTo("models/inc.sql: the model's columns differ from the "
        + "table analytics.inc (added: user_id string; type changed: amount double -> int); set on_schema_change to "
        + "append_new_columns or sync_all_columns to allow it, or run with --full-refresh to rebuild the table");
  }

  @Test
  void appendNewColumnsAddsThemAndSyncAllColumnsAlsoDropsTheRemovedOnes() {
    sql.file("models/inc.sql", APPEND);
    sql.run(Command.RUN);
    orders("(1, 'u1', 10.0, timestamp'2026-01-01 10:00:00'), (2, 'u2', 20.0, timestamp'2026-01-02 10:00:00'), "
        + "(3, 'u3', 30.0, timestamp'2026-01-03 10:00:00')");
    sql.file("models/inc.sql", APPEND.replace("materialized='incremental'",
        "materialized='incremental', on_schema_change='append_new_columns'").replace("select id, amount",
        "select id, amount, user_id"));
    assertThat(statuses(sql.run(Command.RUN))).containsExactly("success inc");
    assertThat(rows("select * from analytics.inc order by id")).containsExactly("[1,10.0,null]", "[2,20.0,null]",
        "[3,30.0,u3]");

    orders("(4, 'u4', 40.0, timestamp'2026-01-04 10:00:00')");
    sql.file("models/inc.sql", APPEND.replace("materialized='incremental'",
        "materialized='incremental', on_schema_change='sync_all_columns'").replace("select id, amount",
        "select id, user_id"));
    assertThat(statuses(sql.run(Command.RUN))).containsExactly("success inc");
    assertThat(rows("select * from analytics.inc order by id")).containsExactly("[1,null]", "[2,null]", "[3,u3]",
        "[4,u4]");
  }

  @Test
  void anEphemeralModelIsInlinedAsACteAndWritesNothing() {
    sql.file("models/base.sql", "{{ config(materialized='ephemeral') }} select * from {{ source('web', 'orders') }}");
    sql.file("models/big.sql", "{{ config(materialized='ephemeral') }} select * from {{ ref('base') }} where amount > 15");
    sql.file("models/report.sql", "with x as (select * from {{ ref('big') }}) select id from x");
    RunReport report = sql.run(Command.RUN);
    assertThat(statuses(report)).containsExactly("success report");
    assertThat(rows("select * from analytics.report")).containsExactly("[2]");
    assertThat(sql.wh.warehouse().tables("analytics")).isEmpty();
    String compiled = sql.runner().compile(SqlFixture.options("report")).get(0).sql();
    assertThat(compiled).startsWith("with __dbt__cte__base as (").contains("__dbt__cte__big as (")
        .contains("x as (select * from __dbt__cte__big)");
    assertThat(compiled.indexOf("__dbt__cte__base as")).isLessThan(compiled.indexOf("__dbt__cte__big as"));
  }

  @Test
  void aSchemaConfigWritesToTheTargetSchemaWithASuffix() {
    sql.file("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    finance:\n      +schema: finance\n");
    sql.file("models/finance/revenue.sql", "select sum(amount) as revenue from {{ source('web', 'orders') }}");
    sql.file("models/other.sql", "{{ config(schema='x', alias='renamed') }} select 1 as one");
    RunReport report = sql.run(Command.RUN);
    assertThat(report.failed()).as(report.results().toString()).isFalse();
    assertThat(rows("select * from analytics_finance.revenue")).containsExactly("[30.0]");
    assertThat(rows("select * from analytics_x.renamed")).containsExactly("[1]");
  }
}
