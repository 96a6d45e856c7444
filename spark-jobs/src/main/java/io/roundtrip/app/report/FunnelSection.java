package io.roundtrip.app.report;

import io.roundtrip.app.report.Section.Block;
import io.roundtrip.app.report.Section.Figure;
import io.roundtrip.app.report.Section.Note;
import io.roundtrip.app.report.Section.Query;
import io.roundtrip.app.report.Section.Table;
import io.roundtrip.app.report.Section.Tile;
import io.roundtrip.app.report.chart.BarChart;
import io.roundtrip.app.report.chart.Series;
import io.roundtrip.app.report.chart.Unit;
import io.roundtrip.models.funnels.FunnelDefinition;
import io.roundtrip.models.funnels.FunnelsJob;
import io.roundtrip.warehouse.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/** One configured funnel (by default the campaign funnel): people per step, and conversion per breakdown value. */
final class FunnelSection implements SectionReader {

  private final FunnelDefinition funnel;

  FunnelSection(FunnelDefinition funnel) {
    this.funnel = funnel;
  }

  @Override
  public String title() {
    return "Funnel: " + funnel.name();
  }

  @Override
  public Section read(ReportInputs in) {
    String id = "funnel-" + FunnelsJob.tableName(funnel);
    List<String> steps = funnel.stepNames();
    String intro = "People who went " + String.join(" \u2192 ", steps) + " within "
        + SectionReader.inWords(funnel.window()) + " of the first "
        + "step (" + funnel.order().name().toLowerCase(Locale.ROOT) + " order)"
        + (funnel.breakdown().isEmpty() ? "" : ", by the " + breakdownLabel(funnel) + " of the touch that first "
        + "brought them") + ". A person counts once, at the furthest step they reached.";
    TableId table = in.modelTable(FunnelsJob.tableName(funnel));
    if (!in.exists(table)) {
      return Section.unavailable(id, title(), intro, SectionReader.missing(table,
          "Build it with: roundtrip models run funnels --source " + in.source()));
    }
    List<Block> blocks = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    List<Tile> tiles = new ArrayList<>();

    String stepsSql = ReportQueries.funnelSteps(table);
    queries.add(new Query("people per step", stepsSql));
    List<Row> stepRows = in.rows(stepsSql);
    if (stepRows.isEmpty() || Values.number(stepRows.get(0), "users") == 0) {
      blocks.add(new Note("Nobody has reached the first step (" + steps.get(0) + ") yet."));
      return new Section(id, title(), intro, blocks, tiles, queries, true);
    }
    List<String> categories = new ArrayList<>();
    List<Double> people = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Row row : stepRows) {
      categories.add(Values.count(row, "step") + ". " + Values.text(row, "step_name"));
      people.add(Values.number(row, "users"));
      labels.add(Unit.COUNT.format(Values.number(row, "users")) + " \u00b7 "
          + Unit.PERCENT.format(Values.number(row, "conversion_from_first")));
    }
    blocks.add(new Figure(BarChart.of(id + "-steps", "People per step (and % of step 1)", "funnel step", "people",
        Unit.COUNT, categories, new Series("people", people, labels))));
    Row last = stepRows.get(stepRows.size() - 1);
    tiles.add(new Tile(funnel.name() + " funnel: " + steps.get(0) + " \u2192 " + steps.get(steps.size() - 1),
        Unit.PERCENT.format(Values.number(last, "conversion_from_first"))));

    if (!funnel.breakdown().isEmpty()) {
      String breakdownSql = ReportQueries.funnelBreakdown(table);
      queries.add(new Query("conversion per breakdown value", breakdownSql));
      List<String> values = new ArrayList<>();
      List<Double> conversion = new ArrayList<>();
      List<String> conversionLabels = new ArrayList<>();
      for (Row row : in.rows(breakdownSql)) {
        values.add(Values.text(row, "breakdown"));
        conversion.add(Values.number(row, "conversion"));
        conversionLabels.add(Unit.PERCENT.format(Values.number(row, "conversion")) + " of "
            + Unit.COUNT.format(Values.number(row, "entered")));
      }
      blocks.add(new Figure(BarChart.of(id + "-breakdown", "Conversion to " + steps.get(steps.size() - 1)
          + ", by " + breakdownLabel(funnel), breakdownLabel(funnel),
          "converted (% of step 1)", Unit.PERCENT, values, new Series("conversion", conversion, conversionLabels))));
    }

    String rowsSql = ReportQueries.funnelRows(table);
    queries.add(new Query("people per breakdown value and step", rowsSql));
    blocks.add(stepTable(id, in.rows(rowsSql), steps));
    return new Section(id, title(), intro, blocks, tiles, queries, true);
  }

  /** One row per breakdown value: people at each step, with the conversion from the step before. */
  private Table stepTable(String id, List<Row> rows, List<String> steps) {
    Map<String, List<String>> byBreakdown = new LinkedHashMap<>();
    for (Row row : rows) {
      List<String> cells = byBreakdown.computeIfAbsent(Values.text(row, "breakdown"), b -> new ArrayList<>(List.of(b)));
      String people = Unit.COUNT.format(Values.number(row, "users"));
      cells.add(Values.count(row, "step") == 1 ? people
          : people + " (" + Unit.PERCENT.format(Values.number(row, "conversion_from_previous")) + ")");
    }
    List<String> header = new ArrayList<>(List.of(funnel.breakdown().isEmpty() ? "" : breakdownLabel(funnel)));
    List<Boolean> numeric = new ArrayList<>(List.of(false));
    for (int i = 0; i < steps.size(); i++) {
      header.add((i + 1) + ". " + steps.get(i));
      numeric.add(true);
    }
    List<List<String>> table = new ArrayList<>();
    for (List<String> cells : byBreakdown.values()) {
      while (cells.size() < header.size()) {
        cells.add("");
      }
      table.add(cells);
    }
    return new Table(id + "-table", "People per step (in brackets: % of the step before)", header, table, numeric);
  }

  /** "campaign name / campaign medium" for context_campaign_name, context_campaign_medium. */
  static String breakdownLabel(FunnelDefinition funnel) {
    return funnel.breakdown().stream().map(c -> c.replaceFirst("^context_", "").replace('_', ' '))
        .collect(Collectors.joining(" / "));
  }
}
