package io.roundtrip.loaders.load;

import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.bookkeeping.LoadManifest;
import io.roundtrip.loaders.testing.WarehouseFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad lines are listed with file, line and reason; every other line is still loaded; nothing is lost. */
class BadInputTest {

  @TempDir
  Path tmp;

  @Test
  void rejectsNameTheFileTheLineAndTheFieldAndTheOtherLinesLoad() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"),
        "{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\"",
        "",
        "{\"type\":\"track\",\"event\":\"Clicked\",\"messageId\":\"m3\",\"receivedAt\":\"2026-01-01T10:00:00Z\"}",
        "{\"type\":\"launch\",\"messageId\":\"m9\",\"userId\":\"u1\",\"receivedAt\":\"2026-01-01T10:00:00Z\"}",
        track("m2", "u1", "Clicked", "2026-01-01T10:00:01Z", "{}"));
    LoadSummary summary = wh.load("web");

    assertThat(summary.lines()).isEqualTo(6);
    assertThat(summary.rejects()).isEqualTo(3);
    assertThat(summary.blankLines()).isEqualTo(1);
    assertThat(summary.newEvents()).isEqualTo(2);
    List<Row> rejects = wh.rows("_roundtrip", "rejects", "line");
    assertThat(rejects).extracting(r -> r.getAs("line")).containsExactly(2L, 4L, 5L);
    assertThat(rejects.get(0).<String>getAs("reason")).startsWith("invalid JSON: Unexpected end-of-input");
    assertThat(rejects.get(1).<String>getAs("reason")).isEqualTo("field 'userId': missing, and so is anonymousId");
    assertThat(rejects.get(2).<String>getAs("reason")).isEqualTo("field 'type': unknown event type \"launch\"");
    assertThat(rejects.get(1).<String>getAs("raw")).contains("\"event\":\"Clicked\"");
    assertThat(rejects.get(0).<String>getAs("file")).endsWith("a.json");
    assertThat(rejects).allSatisfy(r -> assertThat(r.<String>getAs("source")).isEqualTo("web"));
    assertThat(wh.count("web", "clicked")).isEqualTo(2);
  }

  @Test
  void theManifestAccountsForEveryLineOfEveryFile() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"),
        track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"), "junk", "");
    wh.file("b.json", track("m2", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"));
    wh.load("web");

    List<Row> entries = wh.warehouse().read(LoadManifest.TABLE).where("status = 'loaded'").orderBy("file")
        .collectAsList();
    assertThat(entries).extracting(r -> r.getAs("lines"), r -> r.getAs("rows"), r -> r.getAs("duplicates"),
        r -> r.getAs("rejects"), r -> r.getAs("blank_lines"), r -> r.getAs("status")).containsExactly(
        org.assertj.core.groups.Tuple.tuple(4L, 1L, 1L, 1L, 1L, "loaded"),
        org.assertj.core.groups.Tuple.tuple(1L, 1L, 0L, 0L, 0L, "loaded"));
    assertThat(entries).allSatisfy(r -> assertThat(r.<String>getAs("checksum")).hasSize(64));
    // before reading anything, the load recorded the same files as started, under the same load id
    List<Row> started = wh.warehouse().read(LoadManifest.TABLE).where("status = 'started'").orderBy("file")
        .collectAsList();
    assertThat(started).extracting(r -> r.<String>getAs("checksum"))
        .containsExactlyElementsOf(entries.stream().map(r -> r.<String>getAs("checksum")).toList());
    assertThat(started).extracting(r -> r.<String>getAs("load_id"))
        .containsOnly(entries.get(0).<String>getAs("load_id"));
  }

  @Test
  void aTruncatedGzipKeepsTheLinesBeforeTheDamageAndRejectsTheRest() throws Exception {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      text.append(track("m" + i, "u1", "Clicked", "2026-01-01T10:00:00Z", "{\"i\":" + i + "}")).append('\n');
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = gz.toByteArray();
    Files.createDirectories(wh.input());
    Files.write(wh.input().resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    LoadSummary summary = wh.load("web");

    long loaded = wh.count("web", "clicked");
    assertThat(loaded).isGreaterThan(100).isLessThan(2000);
    assertThat(summary.rejects()).isEqualTo(1);
    Row reject = wh.rows("_roundtrip", "rejects", "line").get(0);
    assertThat(reject.<Long>getAs("line")).isGreaterThan(loaded);
    assertThat(reject.<String>getAs("reason")).startsWith("unreadable from this line on: ");
  }
}
