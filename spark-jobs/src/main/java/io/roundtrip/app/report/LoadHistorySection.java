package io.roundtrip.app.report;

import io.roundtrip.app.report.ReportQueries.EventTable;
import io.roundtrip.app.report.Section.Block;
import io.roundtrip.app.report.Section.Figure;
import io.roundtrip.app.report.Section.Note;
import io.roundtrip.app.report.Section.Query;
import io.roundtrip.app.report.Section.Table;
import io.roundtrip.app.report.Section.Tile;
import io.roundtrip.app.report.chart.BarChart;
import io.roundtrip.app.report.chart.Series;
import io.roundtrip.app.report.chart.Unit;
import io.roundtrip.warehouse.Bookkeeping;
import io.roundtrip.warehouse.TableId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/** What the loader took in: events per day, and the duplicates and rejected lines of each load. */
final class LoadHistorySection implements SectionReader {

  static final String ID = "load-history";

  // The bookkeeping tables as the README documents them, not the loader's classes (its internals change)
  static final TableId LOADS = Bookkeeping.table("loads");
  static final TableId REJECTS = Bookkeeping.table("rejects");

  @Override
  public String title() {
    return "Load history";
  }

  @Override
  public Section read(ReportInputs in) {
    String intro = "What the loader took in from the archive into source " + in.source() + ": the events per day, "
        + "and per load the lines it counted as duplicates (a messageId already loaded) or rejected (not JSON, or "
        + "not a valid event).";
    if (!in.exists(LOADS)) {
      return Section.unavailable(ID, title(), intro, SectionReader.missing(LOADS,
          "Load an archive first: roundtrip load --source " + in.source() + " --input DIR (or run roundtrip demo)."));
    }
    List<Block> blocks = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    List<Tile> tiles = new ArrayList<>();

    List<EventTable> tables = in.eventTables(ReportQueries.EVENT_TABLES.keySet());
    if (tables.isEmpty()) {
      blocks.add(new Note("Source " + in.source() + " has no event tables yet."));
    } else {
      String sql = ReportQueries.eventsPerDay(tables);
      queries.add(new Query("events per day and type", sql));
      eventsPerDay(in.rows(sql), blocks, tiles);
    }

    String loadsSql = ReportQueries.loads(LOADS, in.source());
    queries.add(new Query("the latest loads", loadsSql));
    List<Row> loads = new ArrayList<>(in.rows(loadsSql));
    Collections.reverse(loads); // oldest first, left to right
    if (loads.isEmpty()) {
      blocks.add(new Note("Nothing has been loaded into source " + in.source() + " yet."));
    } else {
      loads(loads, blocks);
    }

    if (in.exists(REJECTS)) {
      String reasonsSql = ReportQueries.rejectReasons(REJECTS, in.source());
      queries.add(new Query("why lines were rejected", reasonsSql));
      List<List<String>> reasons = new ArrayList<>();
      for (Row row : in.rows(reasonsSql)) {
        reasons.add(List.of(Values.text(row, "reason"), Unit.COUNT.format(Values.number(row, "lines"))));
      }
      if (!reasons.isEmpty()) {
        blocks.add(new Table("reject-reasons", "Why lines were rejected (each is in _roundtrip.rejects with its file "
            + "and line)", List.of("reason", "lines"), reasons, List.of(false, true)));
      }
    }
    return new Section(ID, title(), intro, blocks, tiles, queries, true);
  }

  private static void eventsPerDay(List<Row> rows, List<Block> blocks, List<Tile> tiles) {
    if (rows.isEmpty()) {
      blocks.add(new Note("The source's event tables are empty."));
      return;
    }
    Map<String, Map<LocalDate, Double>> byType = new LinkedHashMap<>();
    for (String type : ReportQueries.EVENT_TABLES.values()) {
      byType.put(type, new HashMap<>());
    }
    LocalDate first = null;
    LocalDate last = null;
    double total = 0;
    for (Row row : rows) {
      LocalDate day = Values.day(row, "day");
      first = first == null || day.isBefore(first) ? day : first;
      last = last == null || day.isAfter(last) ? day : last;
      double events = Values.number(row, "events");
      byType.get(Values.text(row, "type")).put(day, events);
      total += events;
    }
    List<LocalDate> days = SectionReader.days(first, last);
    List<Series> series = new ArrayList<>();
    byType.forEach((type, counts) -> {
      if (!counts.isEmpty()) {
        series.add(new Series(type, days.stream().map(d -> counts.getOrDefault(d, 0.0)).toList()));
      }
    });
    blocks.add(new Figure(new BarChart("events-per-day", "Events per day, by type", "day (UTC, received_at)",
        "events", Unit.COUNT, days.stream().map(LocalDate::toString).toList(), series, true)));
    tiles.add(new Tile("events in the warehouse", Unit.COUNT.format(total)));
    tiles.add(new Tile("days of events, " + first + " to " + last, Unit.COUNT.format(days.size())));
  }

  private static void loads(List<Row> loads, List<Block> blocks) {
    List<String> categories = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Double> duplicates = new ArrayList<>();
    List<Double> rejects = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    long failedFiles = 0;
    for (Row load : loads) {
      String started = Values.minute(load, "started_at");
      String category = started;
      for (int n = 2; !seen.add(category); n++) {
        category = started + " #" + n;
      }
      categories.add(category);
      duplicates.add(Values.number(load, "duplicates"));
      rejects.add(Values.number(load, "rejects"));
      failedFiles += Values.count(load, "failed_files");
      rows.add(List.of(started, Values.text(load, "load_id"), count(load, "files"), count(load, "lines"),
          count(load, "new_events"), count(load, "duplicates"), count(load, "rejects"), count(load, "blank_lines"),
          count(load, "failed_files")));
    }
    blocks.add(new Figure(new BarChart("load-issues", "Duplicates and rejected lines per load",
        "load (start time, UTC)", "lines", Unit.COUNT, categories,
        List.of(new Series("duplicates", duplicates), new Series("rejected", rejects)), false)));
    blocks.add(new Table("loads", "The latest loads (lines = new events + duplicates + rejects + blank lines)",
        List.of("started (UTC)", "load", "files", "lines", "new events", "duplicates", "rejects", "blank lines",
            "failed files"), rows, List.of(false, false, true, true, true, true, true, true, true)));
    if (failedFiles > 0) {
      blocks.add(new Note(Unit.COUNT.format(failedFiles) + " attempts to load a file failed; _roundtrip.loads has "
          + "the error of each (loading the file again completes it)."));
    }
  }

  private static String count(Row row, String column) {
    return Unit.COUNT.format(Values.number(row, column));
  }
}
