package io.roundtrip.app.report;

import io.roundtrip.app.config.SyncConfig;
import io.roundtrip.app.report.Section.Block;
import io.roundtrip.app.report.Section.Figure;
import io.roundtrip.app.report.Section.Note;
import io.roundtrip.app.report.Section.Query;
import io.roundtrip.app.report.Section.Table;
import io.roundtrip.app.report.Section.Tile;
import io.roundtrip.app.report.chart.BarChart;
import io.roundtrip.app.report.chart.Series;
import io.roundtrip.app.report.chart.Unit;
import io.roundtrip.reverseetl.history.SyncHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** The syncs' runs: records sent to each destination, and how many it acknowledged, failed or rejected. */
final class SyncSection implements SectionReader {

  static final String ID = "syncs";

  @Override
  public String title() {
    return "Syncs";
  }

  @Override
  public Section read(ReportInputs in) {
    String intro = "Every sync that has run in this warehouse: the records it sent, what the destination "
        + "acknowledged, what failed (retried on the next run) and what the destination rejected.";
    if (!in.exists(SyncHistory.RUNS)) {
      return Section.unavailable(ID, title(), intro, SectionReader.missing(SyncHistory.RUNS,
          "No sync has run yet: roundtrip sync list shows the configured syncs, roundtrip sync run NAME runs one."));
    }
    List<Block> blocks = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    List<Tile> tiles = new ArrayList<>();
    String totalsSql = ReportQueries.syncTotals(SyncHistory.RUNS);
    queries.add(new Query("records per sync, over all its runs", totalsSql));
    List<Row> totals = in.rows(totalsSql);
    if (totals.isEmpty()) {
      blocks.add(new Note("No sync has run yet."));
      return new Section(ID, title(), intro, blocks, tiles, queries, true);
    }
    List<String> syncs = new ArrayList<>();
    List<Double> acknowledged = new ArrayList<>();
    List<Double> failed = new ArrayList<>();
    List<Double> rejected = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    double sent = 0;
    for (Row row : totals) {
      String sync = Values.text(row, "sync");
      syncs.add(sync + destination(in, sync));
      acknowledged.add(Values.number(row, "acknowledged"));
      failed.add(Values.number(row, "failed"));
      rejected.add(Values.number(row, "rejected"));
      sent += Values.number(row, "sent");
      rows.add(List.of(sync + destination(in, sync), count(row, "runs"), count(row, "sent"), count(row, "acknowledged"),
          count(row, "failed"), count(row, "rejected"), Values.minute(row, "last_run"),
          Values.text(row, "last_status")));
    }
    blocks.add(new Figure(new BarChart("sync-records", "Records per sync (destination), over all runs",
        "sync (destination)", "records", Unit.COUNT, syncs, List.of(new Series("acknowledged", acknowledged),
        new Series("failed (retried next run)", failed), new Series("rejected", rejected)), true)));
    blocks.add(new Table("sync-totals", "Per sync, over all its runs", List.of("sync (destination)", "runs", "sent",
        "acknowledged", "failed", "rejected", "last run (UTC)", "last status"), rows,
        List.of(false, true, true, true, true, true, false, false)));
    tiles.add(new Tile("records acknowledged by destinations",
        Unit.COUNT.format(acknowledged.stream().mapToDouble(Double::doubleValue).sum()) + " of "
            + Unit.COUNT.format(sent) + " sent"));

    String runsSql = ReportQueries.syncRuns(SyncHistory.RUNS);
    queries.add(new Query("the latest runs", runsSql));
    List<List<String>> runs = new ArrayList<>();
    for (Row row : in.rows(runsSql)) {
      runs.add(List.of(Values.minute(row, "finished_at"), Values.text(row, "sync"), Values.text(row, "mode"),
          Values.text(row, "status"), count(row, "sent"), count(row, "acknowledged"), count(row, "failed"),
          count(row, "rejected"), String.format(Locale.ROOT, "%.1f", Values.number(row, "duration_ms") / 1000)));
    }
    blocks.add(new Table("sync-runs", "The latest runs (roundtrip sync status NAME shows a sync's failed records)",
        List.of("finished (UTC)", "sync", "mode", "status", "sent", "acknowledged", "failed", "rejected", "seconds"),
        runs, List.of(false, false, false, false, true, true, true, true, true)));
    return new Section(ID, title(), intro, blocks, tiles, queries, true);
  }

  /** " (webhook)" when the sync is in the config, so the chart names its destination. */
  private static String destination(ReportInputs in, String sync) {
    return in.config().syncs().stream().filter(s -> s.name().equals(sync)).findFirst()
        .map(SyncConfig::destinationType).map(type -> " (" + type + ")").orElse("");
  }

  private static String count(Row row, String column) {
    return Unit.COUNT.format(Values.number(row, column));
  }
}
