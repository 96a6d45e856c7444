package io.roundtrip.app.cli;

import static io.roundtrip.loaders.testing.Events.identify;
import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.warehouse.delta.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The CLI as scripts see it: exit codes, results on stdout, everything else on stderr. */
class CommandLineTest {

  @TempDir
  Path tmp;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void sharedSpark() {
    SharedSpark.session(); // commands use the running session and leave it running
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

  private Path archive() {
    Archives.write(tmp.resolve("in"), "a.json", List.of(
        track("m1", "u1", "Signed Up", "2026-01-01T10:00:00Z", "{\"plan\":\"pro, yearly\"}"),
        track("m2", "u2", "Signed Up", "2026-01-01T10:00:01Z", "{\"plan\":\"free\"}"),
        identify("m3", "u1", "2026-01-01T10:00:02Z", "{\"email\":\"a@b.c\"}"),
        "not json"));
    return tmp.resolve("in");
  }

  @Test
  void everyCommandHasHelp() {
    List<CommandLine> all = new ArrayList<>();
    collect(RoundtripCommand.commandLine(), all);
    assertThat(all).extracting(CommandLine::getCommandName)
        .contains("roundtrip", "generate-events", "load", "query", "demo", "bench");
    for (CommandLine command : all) {
      List<String> args = new ArrayList<>();
      for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
        args.add(0, c.getCommandName());
      }
      if (command.getCommandName().equals("help")) {
        continue;
      }
      args.add("--help");
      Result result = run(args.toArray(new String[0]));
      assertThat(result.exit()).as(String.join(" ", args)).isZero();
      assertThat(result.out()).as(String.join(" ", args)).startsWith("Usage: " + command.getCommandSpec().qualifiedName());
    }
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  /**
   * picocli runs help text through String.format: a bare % makes it warn on stderr ("Could not
   * format ...") and show the text unformatted.
   */
  @Test
  void everyHelpTextIsAFormatStringPicocliAccepts() {
    List<CommandLine> all = new ArrayList<>();
    collect(RoundtripCommand.commandLine(), all);
    List<String> unformattable = new ArrayList<>();
    for (CommandLine command : all) {
      CommandSpec spec = command.getCommandSpec();
      List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
      spec.options().forEach(option -> texts.addAll(List.of(option.description())));
      spec.positionalParameters().forEach(parameter -> texts.addAll(List.of(parameter.description())));
      for (String text : texts) {
        try {
          String.format(text);
        } catch (IllegalFormatException e) {
          unformattable.add(spec.qualifiedName() + ": " + e.getMessage() + " in \"" + text + "\"");
        }
      }
    }
    assertThat(unformattable).isEmpty();
  }

  /**
   * SLF4J 1.7 on the classpath cannot see Spark's 2.x binding to log4j2: it falls back to its
   * no-operation logger and says so on stderr at every command.
   */
  @Test
  void slf4jLogsThroughLog4jRatherThanItsNoOperationFallback() {
    assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName())
        .isEqualTo("org.apache.logging.slf4j.Log4jLoggerFactory");
  }

  @Test
  void noCommandIsAUsageError() {
    Result result = run();
    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Missing command").contains("Usage: roundtrip");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void loadPrintsTheSummaryOnStdoutAndProgressOnStderr() {
    Result load = run("load", "--source", "web", "--input", archive().toString(), "--warehouse",
        tmp.resolve("wh").toString());
    assertThat(load.exit()).isZero();
    assertThat(load.out()).contains("lines 4 = new events 3 + duplicates 0").contains("rejects 1")
        .contains("web.signed_up").contains("web.users");
    assertThat(load.err()).contains("] parse").contains("] write");

    Result json = run("load", "--source", "web", "--input", archive().toString(), "--warehouse",
        tmp.resolve("wh").toString(), "--format", "json");
    assertThat(json.exit()).isZero();
    assertThat(json.out()).startsWith("{").contains("\"filesSkipped\":1").contains("\"filesLoaded\":0");
  }

  @Test
  void queryPrintsCsvWithAHeaderRowAndJsonLines() {
    String warehouse = tmp.resolve("wh").toString();
    assertThat(run("load", "--source", "web", "--input", archive().toString(), "--warehouse", warehouse).exit()).isZero();

    Result csv = run("query", "--warehouse", warehouse, "--format", "csv",
        "SELECT id, plan, received_at FROM web.signed_up ORDER BY id");
    assertThat(csv.exit()).as(csv.err()).isZero();
    assertThat(csv.out()).isEqualTo("id,plan,received_at\r\n"
        + "m1,\"pro, yearly\",2026-01-01T10:00:00Z\r\n"
        + "m2,free,2026-01-01T10:00:01Z\r\n");

    Result json = run("query", "--warehouse", warehouse, "--format", "json",
        "SELECT u.id, u.email, count(*) AS n FROM web.users u JOIN web.tracks t ON t.user_id = u.id GROUP BY 1, 2");
    assertThat(json.out()).isEqualTo("{\"id\":\"u1\",\"email\":\"a@b.c\",\"n\":1}\n");

    Result bookkeeping = run("query", "--warehouse", warehouse, "--format", "csv",
        "SELECT line, reason FROM _roundtrip.rejects");
    assertThat(bookkeeping.out()).startsWith("line,reason\r\n4,\"invalid JSON: Unrecognized token 'not'");
  }

  @Test
  void wrongSqlIsAUsageErrorWithTheMessageOnStderr() {
    String warehouse = tmp.resolve("wh").toString();
    assertThat(run("load", "--source", "web", "--input", archive().toString(), "--warehouse", warehouse).exit()).isZero();
    Result result = run("query", "--warehouse", warehouse, "SELECT * FROM web.nope");
    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("roundtrip query: [TABLE_OR_VIEW_NOT_FOUND]").contains("`web`.`nope`")
        .doesNotContain("UnresolvedRelation");
  }

  @Test
  void aMissingConfigFileIsAConfigurationError() {
    Result result = run("load", "--config", tmp.resolve("none.yml").toString(), "--source", "web");
    assertThat(result.exit()).isEqualTo(ExitCodes.CONFIG);
    assertThat(result.err()).contains("Config file not found");
  }

  @Test
  void aLoadWithoutInputSaysWhereToGiveIt() {
    Result result = run("load", "--source", "web", "--warehouse", tmp.resolve("wh").toString());
    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("No input for source web: pass --input, or set sources.web.input");
  }

  @Test
  void theSourceCanComeFromTheConfigFile() throws Exception {
    Path config = tmp.resolve("roundtrip.yml");
    Files.writeString(config, "warehouse:\n  path: " + tmp.resolve("wh") + "\nsources:\n  web:\n    input: "
        + archive() + "\n");
    Result result = run("load", "--config", config.toString(), "--source", "web");
    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("new events 3");
  }

  @Test
  void generateEventsWritesASegmentStyleArchive() throws Exception {
    Result result = run("generate-events", "--out", tmp.resolve("arch").toString(), "--events", "500", "--days", "2",
        "--users", "20", "--seed", "7");
    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("Wrote 500 events");
    try (var days = Files.list(tmp.resolve("arch/segment-logs/js-web"))) {
      assertThat(days.toList()).hasSize(2);
    }
  }
}
