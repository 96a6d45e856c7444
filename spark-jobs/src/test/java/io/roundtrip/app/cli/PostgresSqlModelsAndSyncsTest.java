package io.roundtrip.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.destinations.webhook.FakeWebhookReceiver;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code warehouse.type: postgres} through the CLI, past the load: {@code sql build} builds a dbt
 * project as PostgreSQL SQL, and syncs read its models, a table or a query PostgreSQL runs.
 */
class PostgresSqlModelsAndSyncsTest {

  private static final String SECRET = "whsec-pg-0123456789";

  @TempDir
  Path tmp;
  String url;
  FakeWebhookReceiver receiver;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void sharedSpark() {
    SharedSpark.session();
  }

  @BeforeEach
  void setUp() throws IOException {
    receiver = new FakeWebhookReceiver(SECRET);
    receiver.start();
    url = Postgres.newDatabase();
    Postgres.execute(url, "CREATE SCHEMA web; CREATE TABLE web.orders (id bigint, user_id text, email text,"
        + " amount double precision, ordered_at timestamptz); INSERT INTO web.orders VALUES"
        + " (1, 'u1', 'ada@x.io', 80, '2026-01-01 10:00:00+00'), (2, 'u1', 'ada@x.io', 40, '2026-01-02 10:00:00+00'),"
        + " (3, 'u2', 'bo@x.io', 30, '2026-01-02 11:00:00+00')");
    Path project = tmp.resolve("project");
    write(project.resolve("dbt_project.yml"), "name: shop\n");
    write(project.resolve("models/sources.yml"), """
        version: 2
        sources:
          - name: web
            tables:
              - name: orders
        """);
    // DISTINCT ON and ::numeric are PostgreSQL's, not Spark SQL's
    write(project.resolve("models/latest_email.sql"), """
        select distinct on (user_id) user_id, email
        from {{ source('web', 'orders') }} order by user_id, ordered_at desc
        """);
    write(project.resolve("models/customers.sql"), """
        {{ config(materialized='incremental', unique_key='user_id') }}
        select o.user_id, e.email, round(sum(o.amount)::numeric, 2)::float8 as clv
        from {{ source('web', 'orders') }} o join {{ ref('latest_email') }} e using (user_id)
        group by o.user_id, e.email
        """);
    write(project.resolve("models/schema.yml"), """
        version: 2
        models:
          - name: customers
            columns:
              - name: user_id
                tests: [unique, not_null]
        """);
    write(tmp.resolve("roundtrip.yml"), """
        warehouse:
          type: postgres
          jdbc_url: %s
          user: postgres
          path: %s
        sql:
          project: %s
        syncs:
          - name: vip_hook
            model: |
              SELECT DISTINCT ON (user_id) user_id, email, clv FROM analytics.customers WHERE clv >= 100
              ORDER BY user_id
            primary_key: user_id
            mode: upsert
            destination:
              type: webhook
              url: %s
              secret_env: HOOK_SECRET
          - name: all_hook
            model: analytics.customers
            primary_key: user_id
            mode: upsert
            destination:
              type: webhook
              url: %s
              secret_env: HOOK_SECRET
        """.formatted(url, tmp.resolve("state"), project, receiver.hookUrl(), receiver.hookUrl()));
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private Result run(String... args) {
    CommandLine command = RoundtripCommand.commandLine(Map.of("HOOK_SECRET", SECRET));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--config", tmp.resolve("roundtrip.yml").toString())).toArray(String[]::new);
    int exit = command.execute(all);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void sqlBuildRunsPostgresSqlAndAnIncrementalMergeUpdatesOnTheNextBuild() {
    Result build = run("sql", "build");
    assertThat(build.exit()).as(build.out() + build.err()).isZero();
    assertThat(build.out()).contains("OK      model latest_email -> analytics.latest_email")
        .contains("OK      model customers -> analytics.customers (2 rows");
    assertThat(Postgres.query(url, "SELECT table_type FROM information_schema.tables WHERE table_schema = 'analytics'"
        + " AND table_name = 'latest_email'")).containsExactly("VIEW");
    assertThat(Postgres.query(url, "SELECT user_id, email, clv FROM analytics.customers ORDER BY 1"))
        .containsExactly("u1|ada@x.io|120.0", "u2|bo@x.io|30.0");

    Postgres.execute(url, "INSERT INTO web.orders VALUES (4, 'u2', 'bo@new.io', 75.5, '2026-01-03 10:00:00+00')");
    Result again = run("sql", "build");
    assertThat(again.exit()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("customers -> analytics.customers (2 rows");
    assertThat(Postgres.query(url, "SELECT user_id, email, clv FROM analytics.customers ORDER BY 1"))
        .containsExactly("u1|ada@x.io|120.0", "u2|bo@new.io|105.5");
  }

  @Test
  void aSyncsQueryModelRunsInPostgresAndATableModelIsReadFromIt() {
    assertThat(run("sql", "run").exit()).isZero();

    Result vip = run("sync", "run", "vip_hook");
    assertThat(vip.exit()).as(vip.out() + vip.err()).isZero();
    assertThat(vip.out()).contains("1 added, 0 changed").contains("sent 1, acknowledged 1");
    assertThat(receiver.deliveries()).hasSize(1);
    assertThat(receiver.deliveries().get(0).body().toString()).contains("ada@x.io").doesNotContain("bo@x.io");

    Result all = run("sync", "run", "all_hook");
    assertThat(all.exit()).as(all.out() + all.err()).isZero();
    assertThat(all.out()).contains("2 added");

    // a new order makes u2 a VIP: the query, run again by PostgreSQL, adds it and nothing else
    Postgres.execute(url, "INSERT INTO web.orders VALUES (4, 'u2', 'bo@x.io', 75.5, '2026-01-03 10:00:00+00')");
    assertThat(run("sql", "run").exit()).isZero();
    Result again = run("sync", "run", "vip_hook");
    assertThat(again.out()).contains("1 added, 0 changed, 0 removed, 1 unchanged");
    List<String> bodies = receiver.deliveries().stream().map(d -> d.body().toString()).toList();
    assertThat(bodies.get(bodies.size() - 1)).contains("bo@x.io").doesNotContain("ada@x.io");
  }

  @Test
  void aQueryModelPostgresRefusesFailsTheSyncWithPostgresMessage() throws IOException {
    Result vip = run("sync", "run", "vip_hook"); // analytics.customers is not built yet
    assertThat(vip.exit()).isNotZero();
    assertThat(vip.err() + vip.out()).contains("postgres refused the query")
        .contains("relation \"analytics.customers\" does not exist");
    assertThat(receiver.deliveries()).isEmpty();
  }
}
