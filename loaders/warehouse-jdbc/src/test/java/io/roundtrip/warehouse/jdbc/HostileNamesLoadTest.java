package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.loaders.load.LoadJob;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadRequest;
import io.roundtrip.loaders.load.LoadSummary;
import io.roundtrip.loaders.testing.Archives;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event and property names that are SQL keywords or hold quotes, backticks, semicolons or newlines,
 * and values made to break out of a string: the same events on every backend (Delta and PostgreSQL
 * subclass this) load without error, every name becomes one safe column or table, every value comes
 * back as it was sent, and no statement but ours runs (all tables are still there, with all rows).
 */
abstract class HostileNamesLoadTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String DROP = "'); DROP TABLE web.tracks; --";
  static final String VALUE = "it's \"quoted\", `ticked`; semi\nnew line\ttab \\ back \uD83D\uDE00 " + DROP;

  @TempDir
  Path tmp;

  Warehouse warehouse;

  abstract Warehouse open(Path dir);

  abstract Dialect dialect();

  @BeforeEach
  void openWarehouse() {
    warehouse = open(tmp);
  }

  private static String track(String id, String event, Map<String, Object> properties) {
    ObjectNode line = JSON.createObjectNode().put("type", "track").put("messageId", id).put("userId", "u1")
        .put("event", event).put("receivedAt", "2026-01-01T10:00:00Z");
    line.set("properties", JSON.valueToTree(properties));
    return line.toString();
  }

  private LoadSummary load() {
    LoadJob job = new LoadJob(SharedSpark.session(), warehouse, new NameRules(dialect()));
    return job.run(job.plan(LoadRequest.of("web", tmp.resolve("input").toString())), LoadProgress.SILENT);
  }

  private List<String> tables() {
    return warehouse.tables("web").stream().map(TableId::name).toList();
  }

  @Test
  void hostileEventNamesBecomeTablesOfSafeNamesAndNothingElseRuns() {
    List<String> lines = new ArrayList<>();
    lines.add(track("m1", "select", Map.of("a", 1)));
    lines.add(track("m2", "\"; DROP TABLE web.tracks; --", Map.of("a", 2)));
    lines.add(track("m3", "`rm -rf` here", Map.of("a", 3)));
    lines.add(track("m4", "line one\nline two", Map.of("a", 4)));
    lines.add(track("m5", "O'Brien's \"quoted\" event", Map.of("a", 5)));
    lines.add(track("m6", "tracks", Map.of("a", 6)));
    Archives.write(tmp.resolve("input"), "a.json", lines);

    LoadSummary summary = load();

    assertThat(summary.newEvents()).isEqualTo(6);
    assertThat(summary.rejects()).isZero();
    assertThat(tables()).containsExactly("_select", "_tracks", "drop_table_web_tracks", "line_one_line_two",
        "o_brien_s_quoted_event", "rm_rf_here", "tracks");
    assertThat(warehouse.read(new TableId("web", "tracks")).count()).isEqualTo(6);
    Row dropper = warehouse.read(new TableId("web", "drop_table_web_tracks")).select("event", "event_text").first();
    assertThat(dropper.getString(0)).isEqualTo("drop_table_web_tracks");
    assertThat(dropper.getString(1)).isEqualTo("\"; DROP TABLE web.tracks; --");
  }

  @Test
  void hostilePropertyNamesBecomeColumnsOfSafeNamesAndHostileValuesComeBackAsSent() {
    Map<String, Object> properties = new java.util.LinkedHashMap<>();
    properties.put("\"; DROP TABLE web.tracks; --", "x");
    properties.put("a`b", "y");
    properties.put("semi;colon", "z");
    properties.put("new\nline", 1);
    properties.put("order", true);
    properties.put("from", 2.5);
    properties.put("limit", "l");
    properties.put("it's", VALUE);
    properties.put("$$$", "no name");
    Archives.write(tmp.resolve("input"), "a.json", List.of(track("m1", "Hostile", properties),
        track("m2", "Hostile", Map.of("it's", DROP))));

    LoadSummary summary = load();

    assertThat(summary.newEvents()).isEqualTo(2);
    String limit = dialect().isReserved("limit") ? "_limit" : "limit";
    List<String> columns = List.of(warehouse.schema(new TableId("web", "hostile")).orElseThrow().fieldNames());
    assertThat(columns).contains("drop_table_web_tracks", "a_b", "semi_colon", "new_line", "_order", "_from", limit, "it_s")
        .noneMatch(c -> c.contains("$") || c.contains("\"") || c.contains(";") || c.contains("\n"));
    List<Row> rows = warehouse.read(new TableId("web", "hostile")).orderBy("id").collectAsList();
    Row first = rows.get(0);
    assertThat(first.<String>getAs("drop_table_web_tracks")).isEqualTo("x");
    assertThat(first.<String>getAs("a_b")).isEqualTo("y");
    assertThat(first.<String>getAs("semi_colon")).isEqualTo("z");
    assertThat(first.<Long>getAs("new_line")).isEqualTo(1L);
    assertThat(first.<Boolean>getAs("_order")).isTrue();
    assertThat(first.<Double>getAs("_from")).isEqualTo(2.5);
    assertThat(first.<String>getAs(limit)).isEqualTo("l");
    assertThat(first.<String>getAs("it_s")).isEqualTo(VALUE);
    assertThat(rows.get(1).<String>getAs("it_s")).isEqualTo(DROP);
    assertThat(warehouse.read(new TableId("web", "tracks")).count()).isEqualTo(2);
  }
}
