package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.loaders.load.LoadJob;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadRequest;
import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.loaders.types.Timestamps;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code postgres} expectations of the shared conformance vectors (see
 * {@code conformance-postgres/SOURCE.md}), checked against what PostgreSQL itself holds after a
 * real load: its catalog's names and types, and its rows.
 */
class PostgresConformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private final String url = Postgres.newDatabase();
  private final Warehouse warehouse = Postgres.newWarehouse(url);

  private void load(String source, String... lines) {
    Path input = tmp.resolve(source);
    Archives.write(input, "a.json", List.of(lines));
    LoadJob job = new LoadJob(SharedSpark.session(), warehouse, new NameRules(Dialect.POSTGRES));
    job.run(job.plan(LoadRequest.of(source, input.toString())), LoadProgress.SILENT);
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = PostgresConformanceTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static String track(ObjectNode properties) {
    ObjectNode event = JSON.createObjectNode().put("type", "track").put("messageId", "m1").put("userId", "u1")
        .put("event", "Vector").put("receivedAt", "2026-01-01T00:00:00Z");
    event.set("properties", properties);
    return event.toString();
  }

  @Test
  void everyPostgresReservedWordAsAPropertyBecomesAPrefixedColumnPostgresTakes() throws IOException {
    JsonNode words = resource("/conformance-postgres/reserved-keywords.json").get("keywords").get("POSTGRES");
    ObjectNode properties = JSON.createObjectNode();
    Set<String> expected = new TreeSet<>();
    for (JsonNode word : words) {
      properties.put(word.asText(), word.asText().toLowerCase(java.util.Locale.ROOT));
      expected.add("_" + word.asText().toLowerCase(java.util.Locale.ROOT));
    }
    assertThat(expected).hasSize(93);

    load("web", track(properties));

    Set<String> columns = new TreeSet<>(Postgres.query(url,
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'web' AND table_name = 'vector'"));
    assertThat(columns).containsAll(expected);
    // each value sits in its own word's column
    assertThat(Postgres.query(url, "SELECT \"_select\", \"_from\", \"_user\", \"_limit\" FROM web.vector"))
        .containsExactly("select|from|user|limit");
  }

  @Test
  void namesLongerThanPostgresTakesAreCutTo63CharactersBeforePostgresSeesThem() throws IOException {
    JsonNode cases = resource("/conformance-postgres/rudder-long-column-names-postgres.json");
    ObjectNode properties = JSON.createObjectNode();
    for (JsonNode c : cases) {
      properties.put(c.get("in").asText(), c.get("in").asText().length());
    }

    load("web", track(properties));

    List<String> columns = Postgres.query(url, "SELECT column_name FROM information_schema.columns"
        + " WHERE table_schema = 'web' AND table_name = 'vector' AND length(column_name) > 40 ORDER BY column_name COLLATE \"C\"");
    // RudderStack splits digits off ("a_1_a_2..."); Segment's snake_case keeps them on ("a1a2..."):
    // the names differ, the cut does not
    assertThat(columns).containsExactly("a1a2a3a4a5b1b2b3b4b5c1c2c3c4c5d1d2d3d4d5e1e2e3e4e5f1f2f3f4f5g1g", "a".repeat(63),
        "xa1a2a3a4a5b1b2b3b4b5c1c2c3c4c5d1d2d3d4d5e1e2e3e4e5f1f2f3f4f5g1");
    assertThat(cases.get(0).get("out").asText()).isEqualTo("a".repeat(63));
    for (JsonNode c : cases) {
      assertThat(c.get("out").asText()).hasSize(63);
    }
    assertThat(Postgres.query(url, "SELECT \"" + "a".repeat(63) + "\" FROM web.vector")).containsExactly("70");
  }

  private static final String[] EVENT_VECTORS = {
      "rt-events-alias", "rt-events-extract", "rt-events-group", "rt-events-identify",
      "rt-events-page-name-from-properties", "rt-events-page", "rt-events-screen-name-from-properties",
      "rt-events-screen", "rt-events-track",
      "rt-jsonpaths-legacy-aliases", "rt-jsonpaths-legacy-extract", "rt-jsonpaths-legacy-groups",
      "rt-jsonpaths-legacy-identifies", "rt-jsonpaths-legacy-pages", "rt-jsonpaths-legacy-screens",
      "rt-jsonpaths-legacy-tracks", "rt-jsonpaths-new-aliases", "rt-jsonpaths-new-extract", "rt-jsonpaths-new-groups",
      "rt-jsonpaths-new-identifies", "rt-jsonpaths-new-pages", "rt-jsonpaths-new-screens", "rt-jsonpaths-new-tracks"};

  /**
   * Each fixture event loaded on its own (a source per fixture), then each {@code postgres} row
   * expected of it compared with the table's row in PostgreSQL, column by column. A difference
   * must be listed, with its reason, in {@code known-differences.txt}.
   */
  @Test
  void theRudderStackFixturesPostgresRowsHoldOrDifferOnlyWhereListed() throws IOException, SQLException {
    Map<String, String> known = knownDifferences();
    Map<String, String> found = new TreeMap<>();
    int checked = 0;
    for (int i = 0; i < EVENT_VECTORS.length; i++) {
      String name = EVENT_VECTORS[i];
      JsonNode vector = resource("/conformance/events/" + name + ".json");
      String source = "v" + i;
      load(source, vector.get("input").toString());
      List<String> differences = new ArrayList<>();
      List<String> rejects = warehouse.schema(io.roundtrip.warehouse.Bookkeeping.table("rejects")).isEmpty() ? List.of()
          : Postgres.query(url, "SELECT reason FROM _roundtrip.rejects WHERE source = '" + source + "'");
      if (!rejects.isEmpty()) {
        differences.add("* * not loaded: " + rejects.get(0));
      } else {
        for (JsonNode expected : vector.get("expected").get("postgres")) {
          checked += compare(source, expected, differences);
        }
      }
      differences.forEach(d -> found.put(name + " " + d, ""));
    }
    List<String> unexplained = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (String difference : found.keySet()) {
      List<String> patterns = known.keySet().stream().filter(p -> matches(p, difference)).toList();
      if (patterns.isEmpty()) {
        unexplained.add(difference);
      }
      used.addAll(patterns);
    }
    System.out.printf("postgres vectors: %d fixtures, %d expected values checked in PostgreSQL, %d differ on purpose%n",
        EVENT_VECTORS.length, checked, found.size());
    assertThat(unexplained).as("differences not listed in known-differences.txt").isEmpty();
    assertThat(known.keySet()).as("listed differences that no longer occur").isSubsetOf(used);
    assertThat(checked).isGreaterThan(500);
  }

  /** One expected row against the table's only row in PostgreSQL; returns the values checked. */
  private int compare(String source, JsonNode expected, List<String> differences) throws SQLException {
    String table = expected.get("table").asText();
    Map<String, String> types = new LinkedHashMap<>();
    for (String row : Postgres.query(url, "SELECT column_name, data_type FROM information_schema.columns WHERE"
        + " table_schema = '" + source + "' AND table_name = '" + table + "'")) {
      String[] parts = row.split("\\|", 2);
      types.put(parts[0], parts[1]);
    }
    if (types.isEmpty()) {
      differences.add(table + " * no such table here");
      return 0;
    }
    Map<String, Object> values = onlyRow(source, table);
    int checked = 0;
    for (var it = expected.get("row").fields(); it.hasNext(); ) {
      var column = it.next();
      checked++;
      String where = table + " " + column.getKey();
      if (!types.containsKey(column.getKey())) {
        differences.add(where + " missing");
        continue;
      }
      JsonNode type = expected.get("columns").get(column.getKey());
      String ours = types.get(column.getKey());
      if (type != null && !postgresType(type.asText()).equals(ours)) {
        differences.add(where + " type " + type.asText() + " vs " + ours);
      } else if (!sameValue(column.getValue(), values.get(column.getKey()))) {
        differences.add(where + " value " + column.getValue() + " vs " + values.get(column.getKey()));
      }
    }
    return checked;
  }

  /** RudderStack's column types as PostgreSQL's catalog names ours. */
  private static String postgresType(String rudder) {
    return switch (rudder) {
      case "int" -> "bigint";
      case "float" -> "double precision";
      case "boolean" -> "boolean";
      case "datetime" -> "timestamp with time zone";
      case "json" -> "jsonb";
      default -> "text";
    };
  }

  private Map<String, Object> onlyRow(String source, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM \"" + source + "\".\"" + table + "\"")) {
      assertThat(rs.next()).as(source + "." + table + " has a row").isTrue();
      ResultSetMetaData meta = rs.getMetaData();
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.put(meta.getColumnName(i), meta.getColumnTypeName(i).equals("timestamptz")
            ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i));
      }
      assertThat(rs.next()).as(source + "." + table + " has one row").isFalse();
      return row;
    }
  }

  private static boolean sameValue(JsonNode expected, Object ours) {
    if (ours instanceof OffsetDateTime time) {
      long micros = time.toEpochSecond() * 1_000_000L + time.getNano() / 1000;
      return Timestamps.parseMicros(expected.asText()) == micros;
    }
    if (expected.isContainerNode()) {
      try {
        return ours != null && JSON.readTree(ours.toString()).equals(expected);
      } catch (IOException e) {
        return false;
      }
    }
    if (expected.isNumber()) {
      return ours instanceof Number n && n.doubleValue() == expected.asDouble();
    }
    if (expected.isBoolean()) {
      return Boolean.valueOf(expected.asBoolean()).equals(ours);
    }
    return expected.asText().equals(String.valueOf(ours));
  }

  /** Glob match: {@code *} is any text, {@code [2-5]} a character range, everything else literal. */
  static boolean matches(String pattern, String text) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '[') {
        int end = pattern.indexOf(']', i);
        regex.append(pattern, i, end + 1);
        i = end;
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return text.matches(regex.toString());
  }

  private static Map<String, String> knownDifferences() throws IOException {
    Map<String, String> known = new TreeMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        PostgresConformanceTest.class.getResourceAsStream("/conformance-postgres/known-differences.txt"),
        StandardCharsets.UTF_8))) {
      for (String line : in.lines().collect(Collectors.toList())) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("\\s+#\\s+", 2);
          known.put(parts[0].trim(), parts.length > 1 ? parts[1] : "");
        }
      }
    }
    return known;
  }
}
