package io.roundtrip.app.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.cli.RoundtripCommand;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code roundtrip sql ...} as analysts and scripts see it: exit codes, results and failures. */
class SqlCommandTest {

  @TempDir
  Path tmp;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void sharedSpark() {
    SharedSpark.session();
  }

  static Result run(String... args) {
    CommandLine command = RoundtripCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private Path project() throws IOException {
    Path project = tmp.resolve("project");
    Files.createDirectories(project.resolve("models"));
    Files.createDirectories(project.resolve("seeds"));
    Files.writeString(project.resolve("seeds/customers.csv"), "id,name\n1,Ann\n1,Bob\n2,Cy\n");
    Files.writeString(project.resolve("models/named.sql"), "select id, upper(name) as name from {{ ref('customers') }}");
    Files.writeString(project.resolve("models/report.sql"), "{{ config(materialized='table') }}\n"
        + "select count(*) as customers from {{ ref('named') }}");
    Files.writeString(project.resolve("models/schema.yml"), """
        version: 2
        models:
          - name: named
            columns:
              - name: id
                tests: [unique]
        """);
    return project;
  }

  @Test
  void listPrintsRunOrderWithoutOpeningTheWarehouse() throws IOException {
    // a warehouse URI no file system can open: listing must not need it (nor Spark)
    Result list = run("sql", "list", "--project", project().toString(), "--warehouse", "nosuchfs://nowhere/wh",
        "--schema", "reporting");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out().lines().map(String::strip).toList()).containsExactly(
        "type  name            materialized relation",
        "seed  customers       seed         reporting.customers",
        "model named           view         reporting.named",
        "model report          table        reporting.report",
        "test  unique_named_id test         named");
  }

  @Test
  void buildExitsNonZeroNamingTheFailedTestAndItsRowsAndSkipsWhatIsDownstream() throws IOException {
    Result build = run("sql", "build", "--project", project().toString(), "--warehouse", tmp.resolve("wh").toString());
    assertThat(build.exit()).as(build.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(build.out()).contains("FAIL    test  unique_named_id (1 failing rows, ")
        .contains("SKIPPED model report -> analytics.report: skipped: unique_named_id fail")
        .contains("2 ok, 0 pass, 0 warn, 1 fail, 0 error, 1 skipped, 4 total")
        .contains("Failure:\n  test unique_named_id (fail): 1 failing row(s)\n    failing rows (first 1):\n"
            + "      unique_field=1, n_records=2");

    Result retry = run("sql", "run", "--project", project().toString(), "--warehouse", tmp.resolve("wh").toString(),
        "--retry-failed");
    assertThat(retry.exit()).as(retry.out()).isZero();
    assertThat(retry.out()).contains("Retrying 2 node(s)").contains("OK      model report -> analytics.report (1 rows");
  }

  @Test
  void aBrokenProjectIsAUsageErrorNamingTheFileAndLine() throws IOException {
    Path project = project();
    Files.writeString(project.resolve("models/broken.sql"), "select 1\nfrom {{ ref('nope') }}");
    Result result = run("sql", "run", "--project", project.toString(), "--warehouse", tmp.resolve("wh").toString());
    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).isEqualTo("roundtrip run: models/broken.sql:2: model broken: ref('nope') names no "
        + "model or seed; available: broken, customers, named, report\n");
    assertThat(Files.exists(tmp.resolve("wh"))).isFalse();
  }

  @Test
  void compilePrintsTheRenderedSql() throws IOException {
    Result compiled = run("sql", "compile", "--project", project().toString(), "--warehouse",
        tmp.resolve("wh").toString(), "--select", "report");
    assertThat(compiled.exit()).as(compiled.err()).isZero();
    assertThat(compiled.out()).isEqualTo("-- model report (models/report.sql)\n"
        + "select count(*) as customers from analytics.named\n\n");
  }

  @Test
  void theSchemaComesFromTheConfigUnlessGiven() throws IOException {
    Path config = tmp.resolve("roundtrip.yml");
    Files.writeString(config, "sql:\n  schema: marts\n");
    Result list = run("sql", "list", "--project", project().toString(), "--config", config.toString(), "-s", "report");
    assertThat(list.out()).contains("marts.report");
  }
}
