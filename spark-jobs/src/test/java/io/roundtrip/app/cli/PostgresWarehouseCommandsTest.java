package io.roundtrip.app.cli;

import static io.roundtrip.loaders.testing.Events.identify;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warehouse.type: postgres} through the CLI: load into PostgreSQL, then query it in its own SQL. */
class PostgresWarehouseCommandsTest {

  @TempDir
  Path tmp;

  @BeforeAll
  static void sharedSpark() {
    SharedSpark.session();
  }

  private Path config(String url) throws IOException {
    Path file = tmp.resolve("roundtrip.yml");
    Files.writeString(file, "warehouse:\n  type: postgres\n  jdbc_url: " + url + "\n  user: postgres\n  path: "
        + tmp.resolve("state") + "\n");
    return file;
  }

  @Test
  void loadsIntoPostgresAndQueryRunsPostgresSql() throws IOException {
    String url = Postgres.newDatabase();
    Path config = config(url);
    Archives.write(tmp.resolve("in"), "a.json", List.of(
        track("m1", "u1", "Signed Up", "2026-01-01T10:00:00Z", "{\"plan\":\"pro\",\"limit\":3}"),
        track("m2", "u2", "Signed Up", "2026-01-01T10:00:01Z", "{\"plan\":\"free\",\"limit\":1}"),
        identify("m3", "u1", "2026-01-01T10:00:02Z", "{\"email\":\"a@b.c\"}"),
        "not json"));

    CommandLineTest.Result load = CommandLineTest.run("load", "--config", config.toString(), "--source", "web",
        "--input", tmp.resolve("in").toString());

    assertThat(load.exit()).as(load.err()).isZero();
    // "limit" is reserved in PostgreSQL (not on Delta): the column is _limit there
    assertThat(Postgres.query(url, "SELECT id, plan, \"_limit\" FROM web.signed_up ORDER BY id"))
        .containsExactly("m1|pro|3", "m2|free|1");

    // ::text and string_agg ... ORDER BY are PostgreSQL's, not Spark SQL's
    CommandLineTest.Result query = CommandLineTest.run("query", "--config", config.toString(), "--format", "csv",
        "SELECT string_agg(plan, '+' ORDER BY plan) AS plans, count(*)::text AS n FROM web.signed_up;");

    assertThat(query.exit()).as(query.err()).isZero();
    assertThat(query.out()).isEqualTo("plans,n\r\nfree+pro,2\r\n"); // RFC 4180 line ends
  }

  @Test
  void sqlPostgresRefusesExitsWithTwoAndItsMessage() throws IOException {
    Path config = config(Postgres.newDatabase());

    CommandLineTest.Result query = CommandLineTest.run("query", "--config", config.toString(),
        "SELECT * FROM web.nothing_here");

    assertThat(query.exit()).isEqualTo(2);
    assertThat(query.err()).contains("postgres refused the query").contains("relation \"web.nothing_here\" does not exist");
  }

  @Test
  void aPasswordVariableThatIsNotSetIsAConfigurationErrorNamingIt() throws IOException {
    Path file = tmp.resolve("pw.yml");
    Files.writeString(file, "warehouse:\n  type: postgres\n  jdbc_url: " + Postgres.newDatabase()
        + "\n  user: postgres\n  password_env: RT_UNSET_PASSWORD_VARIABLE\n");

    CommandLineTest.Result query = CommandLineTest.run("query", "--config", file.toString(), "SELECT 1");

    assertThat(query.exit()).isEqualTo(3);
    assertThat(query.err()).contains("RT_UNSET_PASSWORD_VARIABLE");
  }
}
