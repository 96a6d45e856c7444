package io.roundtrip.app.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.cli.RoundtripCommand;
import io.roundtrip.reverseetl.destinations.ambassador.FakeAmbassador;
import io.roundtrip.reverseetl.destinations.http.Reply;
import io.roundtrip.reverseetl.destinations.webhook.FakeWebhookReceiver;
import io.roundtrip.reverseetl.testing.Postgres;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code roundtrip sync} as users run it: a roundtrip.yml, a model in the warehouse, real destinations. */
class SyncCommandTest {

  private static final String SECRET = "whsec-0123456789";

  @TempDir
  Path tmp;

  private FakeWebhookReceiver receiver;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void sharedSpark() {
    SharedSpark.session();
  }

  @BeforeEach
  void startReceiver() {
    receiver = new FakeWebhookReceiver(SECRET);
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private Result run(Map<String, String> env, String... args) {
    CommandLine command = RoundtripCommand.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private Result sync(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", tmp.resolve("roundtrip.yml").toString()));
    return run(Map.of("HOOK_SECRET", SECRET, "PG_PASSWORD", "not-needed-locally"), all.toArray(String[]::new));
  }

  /** The model: customers with their CLV, in the warehouse the config points at. */
  private void model(Object[]... rows) {
    StructType schema = new StructType().add("user_id", DataTypes.StringType).add("email", DataTypes.StringType)
        .add("first_name", DataTypes.StringType).add("clv", DataTypes.DoubleType);
    List<Row> data = new ArrayList<>();
    for (Object[] row : rows) {
      data.add(RowFactory.create(row));
    }
    DeltaWarehouses.at(SharedSpark.session(), tmp.resolve("warehouse").toString()).write(new TableId("shop_models", "ltv"),
        SharedSpark.session().createDataFrame(data, schema), WriteMode.overwrite());
  }

  private void config(String postgresUrl) throws Exception {
    Files.writeString(tmp.resolve("roundtrip.yml"), """
        warehouse:
          path: %s
        syncs:
          - name: vip_hook
            model: |
              SELECT user_id, email, first_name, clv FROM shop_models.ltv WHERE clv >= 100
            primary_key: user_id
            mode: upsert
            destination:
              type: webhook
              url: %s
              secret_env: HOOK_SECRET
            mapping:
              email: email
              greeting: {template: "Hi {first_name}"}
              clv: clv
              source: {literal: warehouse}
            batch_size: 2
            schedule: "0 3 * * *"
          - name: crm_table
            model: shop_models.ltv
            primary_key: [user_id]
            mode: mirror
            destination:
              type: postgres
              jdbc_url: %s
              user: postgres
              password_env: PG_PASSWORD
              table: public.customers
              create_table: true
            mapping:
              user_id: user_id
              email: email
              clv: clv
        """.formatted(tmp.resolve("warehouse"), receiver.hookUrl(), postgresUrl));
  }

  @Test
  void runSendsTheModelsRowsOnceAndStatusShowsTheRuns() throws Exception {
    config(Postgres.newDatabase());
    model(new Object[] {"u1", "ada@x.io", "Ada", 250.0}, new Object[] {"u2", "bo@x.io", "Bo", 120.0},
        new Object[] {"u3", "cy@x.io", "Cy", 10.0});

    Result first = sync("sync", "run", "vip_hook");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("2 added, 0 changed").contains("sent 2, acknowledged 2");
    assertThat(receiver.deliveries()).hasSize(1).allMatch(FakeWebhookReceiver.Delivery::signatureValid);
    assertThat(receiver.deliveries().get(0).body().toString()).contains("\"greeting\":\"Hi Ada\"")
        .contains("\"source\":\"warehouse\"").doesNotContain("Cy");

    model(new Object[] {"u1", "ada@x.io", "Ada", 300.0}, new Object[] {"u2", "bo@x.io", "Bo", 120.0},
        new Object[] {"u3", "cy@x.io", "Cy", 10.0});
    Result second = sync("sync", "run", "vip_hook");
    assertThat(second.out()).contains("0 added, 1 changed, 0 removed, 1 unchanged").contains("sent 1");
    assertThat(receiver.deliveries()).hasSize(2);

    Result status = sync("sync", "status", "vip_hook");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("2 records acknowledged").contains("succeeded");
    assertThat(status.out().lines().filter(l -> l.contains("succeeded")).count()).isEqualTo(2);
    assertThat(first.out() + second.out() + status.out() + first.err()).doesNotContain(SECRET);
  }

  @Test
  void aDryRunShowsThePlanAndSendsNothing() throws Exception {
    config(Postgres.newDatabase());
    model(new Object[] {"u1", "ada@x.io", "Ada", 250.0}, new Object[] {"u2", "bo@x.io", "Bo", 120.0});

    Result dry = sync("sync", "run", "vip_hook", "--dry-run");

    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("2 added").contains("would send [upsert 2]; nothing was sent")
        .contains("upsert u1 {\"email\":\"ada@x.io\",\"greeting\":\"Hi Ada\"");
    assertThat(receiver.deliveries()).isEmpty();
    assertThat(sync("sync", "run", "vip_hook").out()).contains("2 added");
  }

  @Test
  void aMirrorToPostgresCreatesTheTableAndDeletesRowsThatLeaveTheModel() throws Exception {
    String url = Postgres.newDatabase();
    config(url);
    model(new Object[] {"u1", "ada@x.io", "Ada", 250.0}, new Object[] {"u2", "bo@x.io", "Bo", 120.0});
    assertThat(sync("sync", "run", "crm_table").exit()).isZero();
    model(new Object[] {"u2", "bo@x.io", "Bo", 130.0});

    Result second = sync("sync", "run", "crm_table");

    assertThat(second.out()).contains("1 changed, 1 removed");
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT user_id, email, clv FROM public.customers ORDER BY user_id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getDouble(3));
      }
    }
    assertThat(rows).containsExactly("u2|bo@x.io|130.0");
  }

  @Test
  void aMissingCredentialNamesTheVariableAndSendsNothing() throws Exception {
    config(Postgres.newDatabase());
    model(new Object[] {"u1", "ada@x.io", "Ada", 250.0});

    Result result = run(Map.of(), "sync", "run", "vip_hook", "--config", tmp.resolve("roundtrip.yml").toString());

    assertThat(result.exit()).isEqualTo(ExitCodes.CONFIG);
    assertThat(result.err()).contains("environment variable HOOK_SECRET (destination.secret_env) is not set");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void statusNamesTheRecordsThatFailedInTheLastRun() throws Exception {
    config(Postgres.newDatabase());
    model(new Object[] {"u1", "ada@x.io", "Ada", 250.0});
    receiver.enqueue("POST", "/hooks/roundtrip", Reply.json(422, "{\"error\": \"greeting too friendly\"}"));

    Result run = sync("sync", "run", "vip_hook");
    Result status = sync("sync", "status", "vip_hook");

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("partial").contains("records that failed in the last run:")
        .containsPattern("upsert u1: .*422.*greeting too friendly");
  }

  @Test
  void aRunWhileAnotherRunsTheSameSyncIsRefusedAndSendsNothing() throws Exception {
    config(Postgres.newDatabase());
    model(new Object[] {"u1", "ada@x.io", "Ada", 250.0});
    Path lock = tmp.resolve("warehouse/_roundtrip/sync_state/vip_hook/run.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "{\"run_by\":\"airflow\",\"host\":\"worker-2\",\"pid\":7,\"since\":\"2026-11-23T03:00:00Z\"}");

    Result result = sync("sync", "run", "vip_hook");

    assertThat(result.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err()).contains("sync vip_hook is already running: run by airflow on worker-2");
    assertThat(receiver.requests()).isEmpty();
    assertThat(sync("sync", "run", "vip_hook", "--dry-run").out()).contains("would send [upsert 1]");
  }

  @Test
  void repeatedKeysFailTheRunWithExamplesBeforeAnythingIsSent() throws Exception {
    config(Postgres.newDatabase());
    model(new Object[] {"u1", "ada@x.io", "Ada", 250.0}, new Object[] {"u1", "ada2@x.io", "Ada", 260.0},
        new Object[] {null, "nobody@x.io", "Nobody", 500.0});

    Result result = sync("sync", "run", "vip_hook");

    assertThat(result.exit()).isEqualTo(ExitCodes.DATA);
    assertThat(result.err()).contains("must be unique and not null; nothing was sent")
        .contains("1 rows have a null key").contains("1 keys repeat, e.g. [u1]");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void listShowsEverySyncWithoutStartingAnything() throws Exception {
    config("jdbc:postgresql://127.0.0.1:1/none");

    Result list = sync("sync", "list");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out().lines().toList()).hasSize(2);
    assertThat(list.out()).containsPattern("vip_hook +upsert +-> webhook +schedule 0 3 \\* \\* \\*  model: SELECT user_id")
        .containsPattern("crm_table +mirror +-> postgres +\\(manual\\)  model: shop_models.ltv");
  }

  @Test
  void anUnknownSyncListsTheConfiguredOnes() throws Exception {
    config("jdbc:postgresql://127.0.0.1:1/none");
    Result result = sync("sync", "run", "nope");
    assertThat(result.exit()).isEqualTo(ExitCodes.CONFIG);
    assertThat(result.err()).contains("No sync named \"nope\" in the config; it has [vip_hook, crm_table]");
  }

  @Test
  void aConfigurationErrorExitsThreeNamingTheFileAndLineBeforeAnythingRuns() throws Exception {
    Path file = tmp.resolve("roundtrip.yml");
    Files.writeString(file, """
        syncs:
          - name: vip_hook
            model: shop_models.ltv
            primary_key: user_id
            mode: mirrror
            destination: {type: webhook, url: "%s", secret_env: HOOK_SECRET}
        """.formatted(receiver.hookUrl()));

    Result run = sync("sync", "run", "vip_hook");
    Result list = sync("sync", "list");

    assertThat(run.exit()).isEqualTo(ExitCodes.CONFIG);
    assertThat(list.exit()).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.err()).contains(file + ":5: syncs[0].mode: unknown sync mode \"mirrror\"");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void withoutAMappingEveryModelColumnGoesToTheTableAsIs() throws Exception {
    String url = Postgres.newDatabase();
    Files.writeString(tmp.resolve("roundtrip.yml"), """
        warehouse:
          path: %s
        syncs:
          - name: everything
            model: shop_models.ltv
            primary_key: user_id
            destination: {type: postgres, jdbc_url: "%s", user: postgres, table: public.ltv, create_table: true}
        """.formatted(tmp.resolve("warehouse"), url));
    model(new Object[] {"u1", "ada@x.io", "Ada", 250.0});

    Result run = sync("sync", "run", "everything");

    assertThat(run.exit()).as(run.err()).isZero();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT user_id, email, first_name, clv FROM public.ltv")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getDouble(4))
          .isEqualTo("u1|ada@x.io|Ada|250.0");
    }
  }

  @Test
  void theReadmesAmbassadorMirrorExampleAddsWhoEntersTheAudienceAndRemovesWhoLeavesIt() throws Exception {
    // README: mode: mirror to an Ambassador group; "Mirror on a group: add who entered, remove who left"
    try (FakeAmbassador ambassador = new FakeAmbassador("acme", "tok-123")) {
      ambassador.start();
      Files.writeString(tmp.resolve("roundtrip.yml"), """
          warehouse:
            path: %s
          syncs:
            - name: vip_ambassadors
              model: SELECT email, first_name FROM shop_models.ltv WHERE clv > 200
              primary_key: email
              mode: mirror                        # add to the group, remove who left the segment
              destination: {type: ambassador, username: acme, token_env: AMBASSADOR_TOKEN, group: "12", base_url: "%s"}
          """.formatted(tmp.resolve("warehouse"), ambassador.apiBase()));
      Map<String, String> env = Map.of("AMBASSADOR_TOKEN", "tok-123");
      String[] run = {"sync", "run", "vip_ambassadors", "--config", tmp.resolve("roundtrip.yml").toString()};
      model(new Object[] {"u1", "ada@x.io", "Ada", 250.0}, new Object[] {"u2", "bo@x.io", "Bo", 300.0},
          new Object[] {"u3", "cy@x.io", "Cy", 10.0});

      Result first = run(env, run);
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(ambassador.members("12")).containsExactlyInAnyOrder("ada@x.io", "bo@x.io");

      model(new Object[] {"u1", "ada@x.io", "Ada", 250.0}, new Object[] {"u2", "bo@x.io", "Bo", 100.0},
          new Object[] {"u3", "cy@x.io", "Cy", 210.0});
      Result second = run(env, run);

      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out()).contains("1 added, 0 changed, 1 removed, 1 unchanged");
      assertThat(ambassador.members("12")).containsExactlyInAnyOrder("ada@x.io", "cy@x.io");
      assertThat(ambassador.ambassador("bo@x.io")).isPresent(); // out of the group, still an ambassador
      assertThat(first.out() + second.out() + first.err() + second.err()).doesNotContain("tok-123");
    }
  }
}
