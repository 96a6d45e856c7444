package io.roundtrip.app.report;

import io.roundtrip.app.report.Section.Block;
import io.roundtrip.app.report.Section.Figure;
import io.roundtrip.app.report.Section.Note;
import io.roundtrip.app.report.Section.Query;
import io.roundtrip.app.report.Section.Table;
import io.roundtrip.app.report.chart.BarChart;
import io.roundtrip.app.report.chart.Series;
import io.roundtrip.app.report.chart.Unit;
import io.roundtrip.models.attribution.AttributionJob;
import io.roundtrip.warehouse.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Visits through referral links (Ambassador-style smart links) per channel, and the purchases credited to them. */
final class ReferralSection implements SectionReader {

  static final String ID = "referrals";

  @Override
  public String title() {
    return "Referral channels";
  }

  @Override
  public Section read(ReportInputs in) {
    String intro = "Visits through referral links (https://<domain>/<tracking id>/<share code>) per channel, the "
        + "channel being what models.attribution.referral.channels calls the link's tracking id, and the purchases "
        + "credited to them by each model.";
    TableId channels = in.modelTable(AttributionJob.REFERRAL_CHANNELS);
    if (!in.exists(channels)) {
      return Section.unavailable(ID, title(), intro, SectionReader.missing(channels,
          "Build it with: roundtrip models run attribution --source " + in.source()));
    }
    List<Block> blocks = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    String sql = ReportQueries.referralChannels(channels);
    queries.add(new Query("clicks, conversions and revenue per referral channel and model", sql));
    List<Row> rows = in.rows(sql);
    if (rows.isEmpty()) {
      blocks.add(new Note("No visits through referral links. Links are recognised once models.attribution.referral."
          + "domain names their domain in roundtrip.yml; then run: roundtrip models run attribution --source "
          + in.source()));
      return new Section(ID, title(), intro, blocks, List.of(), queries, true);
    }
    Map<String, Double> clicks = new LinkedHashMap<>();
    Grid conversions = new Grid();
    Grid revenue = new Grid();
    for (Row row : rows) {
      String channel = Values.text(row, "channel");
      String model = AttributionSection.modelLabel(Values.text(row, "model"));
      clicks.put(channel, Values.number(row, "clicks")); // the same on every model's row
      conversions.put(channel, model, Values.number(row, "conversions"));
      revenue.put(channel, model, Values.number(row, "revenue"));
    }
    List<String> names = List.copyOf(clicks.keySet());
    blocks.add(new Figure(BarChart.of("referral-clicks", "Visits through referral links, per channel",
        "referral channel", "visits (clicks)", Unit.COUNT, names, new Series("clicks", List.copyOf(clicks.values())))));
    blocks.add(new Figure(new BarChart("referral-conversions", "Purchases credited to referral channels, by model",
        "referral channel", "conversions credited", Unit.NUMBER, names, conversions.series(), false)));

    String money = in.moneyUnit();
    List<String> header = new ArrayList<>(List.of("channel", "clicks"));
    List<Boolean> numeric = new ArrayList<>(List.of(false, true));
    for (String model : revenue.seriesNames()) {
      header.add(model);
      numeric.add(true);
    }
    List<List<String>> table = new ArrayList<>();
    for (String channel : names) {
      List<String> cells = new ArrayList<>(List.of(channel, Unit.COUNT.format(clicks.get(channel))));
      for (String model : revenue.seriesNames()) {
        cells.add(Unit.MONEY.format(revenue.get(channel, model)) + " (" + Unit.NUMBER.format(
            conversions.get(channel, model)) + ")");
      }
      table.add(cells);
    }
    blocks.add(new Table("referral-table", "Revenue (" + money + ") credited per channel and model; in brackets "
        + "the conversions", header, table, numeric));
    return new Section(ID, title(), intro, blocks, List.of(), queries, true);
  }
}
