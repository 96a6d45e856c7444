package io.roundtrip.app.report;

import io.roundtrip.app.report.ReportQueries.EventTable;
import io.roundtrip.app.report.Section.Block;
import io.roundtrip.app.report.Section.Figure;
import io.roundtrip.app.report.Section.Note;
import io.roundtrip.app.report.Section.Query;
import io.roundtrip.app.report.Section.Tile;
import io.roundtrip.app.report.chart.LineChart;
import io.roundtrip.app.report.chart.Series;
import io.roundtrip.app.report.chart.Unit;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.warehouse.TableId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** People active per day: anyone with a track, page or screen event that day. */
final class ActivitySection implements SectionReader {

  static final String ID = "daily-active-users";

  @Override
  public String title() {
    return "Daily active users";
  }

  @Override
  public Section read(ReportInputs in) {
    TableId mappings = in.modelTable(IdentityJob.MAPPINGS);
    boolean identified = in.exists(mappings);
    String intro = "People with at least one track, page or screen event per day (UTC, by the event's time). "
        + (identified ? "A person is one canonical id of the identity model, however many devices and ids they used."
            : "Until the identity model has run (roundtrip models run identity --source " + in.source() + "), a "
            + "person is a user id or, failing that, an anonymous id.");
    List<EventTable> tables = in.eventTables(ReportQueries.ACTIVITY_TABLES);
    if (tables.isEmpty()) {
      return Section.unavailable(ID, title(), intro, "No data yet: source " + in.source() + " has no tracks, pages "
          + "or screens table. Load an archive first: roundtrip load --source " + in.source() + " --input DIR");
    }
    List<Block> blocks = new ArrayList<>();
    List<Tile> tiles = new ArrayList<>();
    String sql = ReportQueries.dailyActiveUsers(tables, identified ? mappings : null);
    List<Row> rows = in.rows(sql);
    if (rows.isEmpty()) {
      blocks.add(new Note("No activity yet: the source's track, page and screen tables are empty."));
    } else {
      Map<LocalDate, Double> people = new LinkedHashMap<>();
      for (Row row : rows) {
        people.put(Values.day(row, "day"), Values.number(row, "people"));
      }
      List<LocalDate> days = SectionReader.days(Values.day(rows.get(0), "day"),
          Values.day(rows.get(rows.size() - 1), "day"));
      List<Double> values = days.stream().map(d -> people.getOrDefault(d, 0.0)).toList();
      blocks.add(new Figure(new LineChart("daily-active-users", "Daily active users", "day (UTC, event time)",
          "people active", Unit.COUNT, days.stream().map(LocalDate::toString).toList(),
          List.of(new Series("people", values)))));
      double average = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      tiles.add(new Tile("daily active users, average", Unit.COUNT.format(average)));
    }
    return new Section(ID, title(), intro, blocks, tiles, List.of(new Query("people active per day", sql)), true);
  }
}
