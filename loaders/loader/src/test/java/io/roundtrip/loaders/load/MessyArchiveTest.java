package io.roundtrip.loaders.load;

import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.warehouse.SqlCatalog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real archives hold and a load must get through: each case loads what it can, rejects only
 * the line at fault (naming file, line and reason), and loses nothing else.
 */
class MessyArchiveTest {

  @TempDir
  Path tmp;

  @Test
  void hostileEventAndPropertyNamesMakePlainTablesAndColumnsAndInjectNothing() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        track("m1", "u1", "Order \\\"Placed\\\"; DROP TABLE users; --", "2026-01-01T10:00:00Z",
            "{\"a`b\":1,\"semi;colon\":\"x\",\"new\\nline\":true,\"quote\\\"d\":\"q\",\"select\":2}"),
        track("m2", "u1", "`backticked` event", "2026-01-01T10:00:01Z", "{}"));
    LoadSummary summary = wh.load("web");

    assertThat(summary.newEvents()).isEqualTo(2);
    assertThat(summary.rowsByTable()).containsKeys("order_placed_drop_table_users", "backticked_event");
    assertThat(wh.columns("web", "order_placed_drop_table_users"))
        .containsKeys("a_b", "semi_colon", "new_line", "quote_d", "_select");
    wh.warehouse().ability(SqlCatalog.class).orElseThrow().registerTables();
    List<Row> rows = wh.spark().sql("SELECT a_b, semi_colon, new_line, quote_d, _select "
        + "FROM web.order_placed_drop_table_users").collectAsList();
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.<Long>getAs("a_b")).isEqualTo(1L);
      assertThat(r.<String>getAs("semi_colon")).isEqualTo("x");
    });
    // the names were data, never SQL: no statement ran but the loader's own
    assertThat(wh.warehouse().tables("web")).extracting(t -> t.name())
        .containsExactly("backticked_event", "order_placed_drop_table_users", "tracks");
  }

  @Test
  void fiftyLevelsOfNestingFlattenIntoOneColumnCutToTheNameLimit() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    StringBuilder nested = new StringBuilder("\"deep\"");
    for (int level = 0; level < 50; level++) {
      nested = new StringBuilder("{\"level" + level + "\":" + nested + "}");
    }
    wh.file("a.json", track("m1", "u1", "Nested", "2026-01-01T10:00:00Z", "{\"root\":" + nested + "}"));
    wh.load("web");

    List<String> columns = wh.columns("web", "nested").keySet().stream().filter(c -> c.startsWith("root_")).toList();
    assertThat(columns).singleElement().satisfies(c -> assertThat(c).hasSizeLessThanOrEqualTo(127));
    assertThat(wh.rows("web", "nested", "id").get(0).<String>getAs(columns.get(0))).isEqualTo("deep");
  }

  @Test
  void aLineThatIsNotUtf8IsRejectedAloneAndTheLinesAroundItLoad() throws Exception {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write((track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}") + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] broken = (track("m2", "u1", "Clicked", "2026-01-01T10:00:01Z", "{\"name\":\"Zo?\"}") + "\n")
        .getBytes(StandardCharsets.UTF_8);
    broken[new String(broken, StandardCharsets.ISO_8859_1).indexOf('?')] = (byte) 0xE9; // Latin-1 é
    file.write(broken);
    file.write((track("m3", "u1", "Clicked", "2026-01-01T10:00:02Z", "{\"name\":\"Zoë\"}") + "\n")
        .getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(wh.input());
    Files.write(wh.input().resolve("latin1.json"), file.toByteArray());
    LoadSummary summary = wh.load("web");

    assertThat(summary.newEvents()).isEqualTo(2);
    assertThat(summary.rejects()).isEqualTo(1);
    Row reject = wh.rows("_roundtrip", "rejects", "line").get(0);
    assertThat(reject.<Long>getAs("line")).isEqualTo(2L);
    assertThat(reject.<String>getAs("reason")).startsWith("not UTF-8: invalid byte at offset ");
    assertThat(reject.<String>getAs("file")).endsWith("latin1.json");
    assertThat(wh.rows("web", "clicked", "id")).extracting(r -> r.<String>getAs("name")).containsExactly(null, "Zoë");
  }

  @Test
  void emptyFilesPlainOrGzippedLoadAsZeroLinesAndAreRecorded() throws Exception {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    Files.createDirectories(wh.input());
    Files.write(wh.input().resolve("empty.json"), new byte[0]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    new GZIPOutputStream(gz).close();
    Files.write(wh.input().resolve("empty.gz"), gz.toByteArray());
    wh.file("one.json", track("m1", "u1", "Clicked", "2026-01-01T10:00:00Z", "{}"));
    LoadSummary summary = wh.load("web");

    assertThat(summary.filesLoaded()).isEqualTo(3);
    assertThat(summary.lines()).isEqualTo(1);
    assertThat(wh.warehouse().read(io.roundtrip.loaders.bookkeeping.LoadManifest.TABLE)
        .where("status = 'loaded' AND lines = 0").count()).isEqualTo(2);
  }

  @Test
  void aSingleTenMegabyteEventLoadsWhole() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    String big = "x".repeat(10 << 20);
    wh.file("big.json", track("m1", "u1", "Uploaded", "2026-01-01T10:00:00Z", "{\"blob\":\"" + big + "\"}"),
        track("m2", "u1", "Uploaded", "2026-01-01T10:00:01Z", "{\"blob\":\"small\"}"));
    LoadSummary summary = wh.load("web");

    assertThat(summary.newEvents()).isEqualTo(2);
    assertThat(wh.spark().read().parquet(tmp.resolve("warehouse/web/uploaded").toString())
        .selectExpr("max(length(blob))").first().getInt(0)).isEqualTo(10 << 20);
  }
}
