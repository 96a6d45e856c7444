package io.roundtrip.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every model on a PostgreSQL warehouse, through the seam alone: the same commands, tables in PostgreSQL. */
class PostgresModelsTest {

  @TempDir
  Path tmp;

  @Test
  void everyModelBuildsItsTablesInPostgresAndIdentityRunsIncrementally() throws Exception {
    SharedSpark.session();
    String url = Postgres.newDatabase();
    Path config = tmp.resolve("roundtrip.yml");
    Files.writeString(config, "warehouse:\n  type: postgres\n  jdbc_url: " + url + "\n  user: postgres\n  path: "
        + tmp.resolve("state") + "\n");
    assertThat(CommandLineTest.run("generate-events", "--out", tmp.resolve("a").toString(), "--events", "15000").exit())
        .isZero();
    CommandLineTest.Result load = CommandLineTest.run("load", "--config", config.toString(), "--source", "web",
        "--input", tmp.resolve("a").toString());
    assertThat(load.exit()).as(load.err()).isZero();

    CommandLineTest.Result models = CommandLineTest.run("models", "run", "all", "--config", config.toString(),
        "--source", "web");

    assertThat(models.exit()).as(models.out() + models.err()).isZero();
    assertThat(Postgres.query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'web_models'"))
        .contains("identity_mappings", "profiles", "ltv_customers", "funnel_campaign", "attribution_credits");
    Matcher customers = Pattern.compile("ltv: (\\d+) customers").matcher(models.out());
    assertThat(customers.find()).as(models.out()).isTrue();
    assertThat(Postgres.query(url, "SELECT count(*) FROM web_models.ltv_customers")).containsExactly(customers.group(1));
    assertThat(Postgres.query(url, "SELECT udt_name FROM information_schema.columns WHERE table_schema = 'web_models'"
        + " AND table_name = 'profiles' AND column_name = 'user_ids'")).containsExactly("_text");

    CommandLineTest.Result again = CommandLineTest.run("models", "run", "identity", "--config", config.toString(),
        "--source", "web");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("identity: 0 new events");

    // a new device of a known user: only that person is recomputed, merged into the tables in PostgreSQL
    String user = Postgres.query(url, "SELECT identifier_value FROM web_models.identity_mappings"
        + " WHERE identifier_type = 'user_id' ORDER BY identifier_value LIMIT 1").get(0);
    String canonical = Postgres.query(url, "SELECT canonical_user_id FROM web_models.identity_mappings"
        + " WHERE identifier_type = 'user_id' AND identifier_value = '" + user + "'").get(0);
    String people = Postgres.query(url, "SELECT count(*) FROM web_models.profiles").get(0);
    io.roundtrip.loaders.testing.Archives.write(tmp.resolve("b"), "b.json", java.util.List.of("{\"type\":\"track\","
        + "\"event\":\"Clicked\",\"messageId\":\"pg-new\",\"anonymousId\":\"pg-phone\",\"userId\":\"" + user
        + "\",\"receivedAt\":\"2026-02-01T10:00:00Z\"}"));
    assertThat(CommandLineTest.run("load", "--config", config.toString(), "--source", "web", "--input",
        tmp.resolve("b").toString()).exit()).isZero();
    CommandLineTest.Result increment = CommandLineTest.run("models", "run", "identity", "--config",
        config.toString(), "--source", "web");
    assertThat(increment.exit()).as(increment.err()).isZero();
    assertThat(increment.out()).contains("identity: 1 new events").containsPattern("; \\d identifiers recomputed");
    assertThat(Postgres.query(url, "SELECT canonical_user_id FROM web_models.identity_mappings"
        + " WHERE identifier_value = 'pg-phone'")).containsExactly(canonical);
    assertThat(Postgres.query(url, "SELECT count(*) FROM web_models.profiles")).containsExactly(people);
    assertThat(Postgres.query(url, "SELECT count(*) FROM web_models.profiles WHERE canonical_user_id = '" + canonical
        + "' AND 'pg-phone' = ANY(anonymous_ids)")).containsExactly("1");
  }
}
