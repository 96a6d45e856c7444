package io.roundtrip.loaders.load;

import static io.roundtrip.loaders.testing.Events.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.warehouse.RangeReads;
import io.roundtrip.warehouse.TableId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event tables are laid out by received_at (Segment's sort key): each nightly load's files hold its
 * own days, and a read of a window (the dedup window, an incremental model read) opens only the
 * files whose statistics overlap it.
 */
class LayoutTest {

  @TempDir
  Path tmp;

  @Test
  void aReadOfOneDaysWindowOpensOnlyThatDaysFilesAndReturnsExactlyItsRows() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    for (int day = 1; day <= 3; day++) {
      wh.file("day" + day + "/a.json",
          track("m" + day + "a", "u1", "Clicked", "2026-01-0" + day + "T10:00:00Z", "{}"),
          track("m" + day + "b", "u1", "Clicked", "2026-01-0" + day + "T23:59:59Z", "{}"));
      LoadJob job = new LoadJob(wh.spark(), wh.warehouse(), new io.roundtrip.warehouse.naming.NameRules(
          io.roundtrip.warehouse.naming.Dialect.DELTA));
      job.run(job.plan(LoadRequest.of("web", tmp.resolve("input/day" + day).toString())), LoadProgress.SILENT);
    }
    TableId tracks = new TableId("web", "tracks");
    Set<String> allFiles = Set.of(wh.warehouse().read(tracks).inputFiles());

    Dataset<Row> day2 = wh.warehouse().ability(RangeReads.class).orElseThrow()
        .read(tracks, "received_at", Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-03T00:00:00Z"));

    assertThat(allFiles).hasSizeGreaterThanOrEqualTo(3);
    assertThat(day2.inputFiles()).hasSizeLessThan(allFiles.size()).allMatch(allFiles::contains);
    assertThat(day2.select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("m2a", "m2b");
    // an open end reads from a day on
    List<Row> fromDay3 = wh.warehouse().ability(RangeReads.class).orElseThrow()
        .read(tracks, "received_at", Instant.parse("2026-01-03T00:00:00Z"), null).collectAsList();
    assertThat(fromDay3).hasSize(2);
  }
}
