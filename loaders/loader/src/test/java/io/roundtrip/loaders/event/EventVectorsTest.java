package io.roundtrip.loaders.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.loaders.types.Timestamps;
import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * RudderStack's warehouse fixtures (conformance/events), run through the parser: every expected
 * column value and type is compared with ours. Segment's rules and RudderStack's differ in places
 * (conformance/SOURCE.md), so each difference must be listed, with its reason, in
 * conformance/known-differences.txt; any other difference fails.
 */
class EventVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FILES = {
      "rt-events-alias", "rt-events-extract", "rt-events-group", "rt-events-identify",
      "rt-events-page-name-from-properties", "rt-events-page", "rt-events-screen-name-from-properties",
      "rt-events-screen", "rt-events-track",
      "rt-flatten-01-sample_event", "rt-flatten-02-cloud_event", "rt-flatten-03-json_key_event",
      "rt-flatten-04-json_key_cloud_event", "rt-flatten-05-cloud_json_key_event", "rt-flatten-06-sample_event-identify",
      "rt-flatten-07-primitive_json_event", "rt-flatten-08-sample_event", "rt-flatten-09-escape_event",
      "rt-jsonpaths-legacy-aliases", "rt-jsonpaths-legacy-extract", "rt-jsonpaths-legacy-groups",
      "rt-jsonpaths-legacy-identifies", "rt-jsonpaths-legacy-pages", "rt-jsonpaths-legacy-screens",
      "rt-jsonpaths-legacy-tracks", "rt-jsonpaths-new-aliases", "rt-jsonpaths-new-extract", "rt-jsonpaths-new-groups",
      "rt-jsonpaths-new-identifies", "rt-jsonpaths-new-pages", "rt-jsonpaths-new-screens", "rt-jsonpaths-new-tracks"};

  @Test
  void everyDifferenceFromTheRudderStackFixturesIsOneWeChoseAndListed() throws IOException {
    Map<String, String> known = knownDifferences();
    Map<String, String> found = new TreeMap<>();
    List<String> matching = new ArrayList<>();
    int compared = 0;
    int columns = 0;
    for (String name : FILES) {
      JsonNode vector = read("/conformance/events/" + name + ".json");
      List<String> differences = new ArrayList<>();
      int checked = name.startsWith("rt-flatten") ? compareFlatten(vector, differences) : compareEvent(vector, differences);
      columns += checked;
      compared++;
      differences.forEach(d -> found.put(name + " " + d, ""));
      if (differences.isEmpty()) {
        matching.add(name);
      }
    }
    System.out.printf("event vectors: %d compared, %d match every expected column, %d expected values checked, "
        + "%d differ on purpose%n", compared, matching.size(), columns, found.size());
    List<String> unexplained = new ArrayList<>();
    Set<String> usedPatterns = new TreeSet<>();
    for (String difference : found.keySet()) {
      List<String> patterns = known.keySet().stream().filter(p -> matches(p, difference)).toList();
      if (patterns.isEmpty()) {
        unexplained.add(difference);
      }
      usedPatterns.addAll(patterns);
    }
    assertThat(unexplained).as("differences not listed in known-differences.txt").isEmpty();
    assertThat(known.keySet()).as("listed differences that no longer occur").isSubsetOf(usedPatterns);
    assertThat(matching).containsExactly("rt-flatten-01-sample_event", "rt-flatten-06-sample_event-identify",
        "rt-flatten-08-sample_event");
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

  /** A whole event: each expected deltalake row against the row our parser makes for that table. */
  private int compareEvent(JsonNode vector, List<String> differences) {
    JsonNode expected = vector.get("expected").get("deltalake");
    ParsedLine parsed = new EventParser(new NameRules(Dialect.DELTA)).parse(0, 1, vector.get("input").toString());
    if (!(parsed instanceof FlatEvent event)) {
      differences.add("* * not loaded: " + ((RejectedLine) parsed).reason());
      return 0;
    }
    int checked = 0;
    for (JsonNode row : expected) {
      String table = row.get("table").asText();
      Map<String, Object[]> ours = columnsFor(event, table);
      if (ours == null) {
        differences.add(table + " * no such table here");
        continue;
      }
      checked += compareRow(table, row, ours, differences);
    }
    return checked;
  }

  /** A properties (or traits) object alone: our payload columns, named for Postgres as the fixture is. */
  private int compareFlatten(JsonNode vector, List<String> differences) {
    String type = vector.get("call").get("eventType").asText();
    ObjectNode event = JSON.createObjectNode().put("type", type).put("messageId", "m").put("userId", "u")
        .put("event", "e").put("receivedAt", "2026-01-01T00:00:00Z");
    event.set(type.equals("identify") ? "traits" : "properties", vector.get("input"));
    FlatEvent parsed = (FlatEvent) new EventParser(new NameRules(Dialect.POSTGRES)).parse(0, 1, event.toString());
    Map<String, Object[]> payload = new LinkedHashMap<>();
    for (int i = parsed.payloadStart(); i < parsed.size(); i++) {
      payload.put(parsed.names()[i], new Object[] {parsed.type(i), parsed.values()[i]});
    }
    return compareRow("properties", vector.get("expected").get("postgres").get(0), payload, differences);
  }

  private static Map<String, Object[]> columnsFor(FlatEvent e, String table) {
    int from;
    int to;
    if (table.equals(e.type().table())) {
      from = 0;
      to = e.type() == EventType.TRACK ? e.payloadStart() : e.size();
    } else if (table.equals(e.eventTable())) {
      from = 0;
      to = e.size();
    } else if (table.equals("users") && e.type() == EventType.IDENTIFY) {
      from = e.payloadStart();
      to = e.size();
    } else {
      return null;
    }
    Map<String, Object[]> columns = new LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      columns.put(e.names()[i], new Object[] {e.type(i), e.values()[i]});
    }
    if (table.equals("users")) {
      columns.put("id", new Object[] {ColumnType.STRING, e.value("user_id")});
      columns.put("received_at", new Object[] {ColumnType.TIMESTAMP, e.value("received_at")});
    }
    return columns;
  }

  private static int compareRow(String table, JsonNode expected, Map<String, Object[]> ours, List<String> differences) {
    JsonNode types = expected.get("columns");
    int checked = 0;
    for (var it = expected.get("row").fields(); it.hasNext(); ) {
      var column = it.next();
      checked++;
      Object[] mine = ours.get(column.getKey());
      String where = table + " " + column.getKey();
      if (mine == null) {
        differences.add(where + " missing");
        continue;
      }
      JsonNode type = types.get(column.getKey());
      if (type != null && !sameType(type.asText(), (ColumnType) mine[0])) {
        differences.add(where + " type " + type.asText() + " vs " + mine[0]);
      } else if (!sameValue(column.getValue(), (ColumnType) mine[0], mine[1])) {
        differences.add(where + " value " + column.getValue() + " vs " + mine[1]);
      }
    }
    return checked;
  }

  private static boolean sameType(String rudder, ColumnType ours) {
    return switch (rudder) {
      case "int" -> ours == ColumnType.BIGINT;
      case "float" -> ours == ColumnType.DOUBLE;
      case "boolean" -> ours == ColumnType.BOOLEAN;
      case "datetime" -> ours == ColumnType.TIMESTAMP;
      default -> ours == ColumnType.STRING;
    };
  }

  private static boolean sameValue(JsonNode expected, ColumnType type, Object ours) {
    if (type == ColumnType.TIMESTAMP) {
      return Timestamps.parseMicros(expected.asText()) == Timestamps.parseMicros((String) ours);
    }
    if (expected.isContainerNode()) {
      try {
        return JSON.readTree((String) ours).equals(expected);
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

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = EventVectorsTest.class.getResourceAsStream(resource)) {
      return JSON.readTree(in);
    }
  }

  /** "file table column kind" -> reason, from conformance/known-differences.txt. */
  private static Map<String, String> knownDifferences() throws IOException {
    Map<String, String> known = new TreeMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        EventVectorsTest.class.getResourceAsStream("/conformance/known-differences.txt"), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("\\s+#\\s+", 2);
          known.put(parts[0].trim(), parts.length > 1 ? parts[1] : "");
        }
      }
    }
    return known;
  }
}
