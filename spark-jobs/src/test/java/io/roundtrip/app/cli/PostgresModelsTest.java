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
  }
}
