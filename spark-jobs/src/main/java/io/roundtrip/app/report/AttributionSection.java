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
import io.roundtrip.models.attribution.AttributionJob;
import io.roundtrip.models.attribution.AttributionModel;
import io.roundtrip.warehouse.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/** Purchase revenue credited to channels and campaigns by each attribution model. */
final class AttributionSection implements SectionReader {

  static final String ID = "attribution";

  @Override
  public String title() {
    return "Attribution";
  }

  @Override
  public Section read(ReportInputs in) {
    String intro = "Which channels and campaigns brought the purchases: each purchase's revenue is shared among the "
        + "campaign visits and referral-link visits in the " + SectionReader.inWords(in.config().models().attribution()
        .options().lookback()) + " before it, by four models (first touch, last touch, linear, 40-20-40). A "
        + "purchase without any is (direct).";
    TableId byCampaign = in.modelTable(AttributionJob.BY_CAMPAIGN);
    if (!in.exists(byCampaign)) {
      return Section.unavailable(ID, title(), intro, SectionReader.missing(byCampaign,
          "Build it with: roundtrip models run attribution --source " + in.source()));
    }
    List<Block> blocks = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    List<Tile> tiles = new ArrayList<>();
    String money = in.moneyUnit();

    String channelSql = ReportQueries.attributionByChannel(byCampaign);
    queries.add(new Query("revenue per channel and model", channelSql));
    List<Row> rows = in.rows(channelSql);
    if (rows.isEmpty()) {
      blocks.add(new Note("No purchases to attribute yet."));
      return new Section(ID, title(), intro, blocks, tiles, queries, true);
    }
    Grid revenue = new Grid();
    for (Row row : rows) {
      revenue.put(Values.text(row, "channel"), modelLabel(Values.text(row, "model")), Values.number(row, "revenue"));
    }
    blocks.add(new Figure(new BarChart("attribution-channels", "Attributed revenue by channel and model",
        "channel (source / medium)", "revenue (" + money + ")", Unit.MONEY, revenue.categories(),
        revenue.series(), false)));
    String firstModel = revenue.seriesNames().iterator().next();
    double total = revenue.categories().stream().mapToDouble(c -> revenue.get(c, firstModel)).sum();
    tiles.add(new Tile("purchase revenue attributed (" + money + ")", Unit.MONEY.format(total)));

    String campaignSql = ReportQueries.attributionByCampaign(byCampaign);
    queries.add(new Query("conversions and revenue per campaign and model", campaignSql));
    Map<List<String>, Map<String, String>> campaigns = new LinkedHashMap<>();
    Set<String> models = new LinkedHashSet<>();
    for (Row row : in.rows(campaignSql)) {
      String model = modelLabel(Values.text(row, "model"));
      models.add(model);
      List<String> campaign = List.of(Values.text(row, "campaign"), Values.text(row, "source"),
          Values.text(row, "medium"));
      campaigns.computeIfAbsent(campaign, c -> new LinkedHashMap<>()).put(model,
          Unit.MONEY.format(Values.number(row, "revenue")) + " (" + Unit.NUMBER.format(
              Values.number(row, "conversions")) + ")");
    }
    List<String> header = new ArrayList<>(List.of("campaign", "source", "medium"));
    List<Boolean> numeric = new ArrayList<>(List.of(false, false, false));
    header.addAll(models);
    models.forEach(m -> numeric.add(true));
    List<List<String>> table = new ArrayList<>();
    campaigns.forEach((campaign, byModel) -> {
      List<String> cells = new ArrayList<>(campaign);
      models.forEach(m -> cells.add(byModel.getOrDefault(m, "")));
      table.add(cells);
    });
    blocks.add(new Table("attribution-campaigns", "Revenue (" + money + ") per campaign and model; in brackets the "
        + "conversions credited", header, table, numeric));
    return new Section(ID, title(), intro, blocks, tiles, queries, true);
  }

  /** A model as marketers name it: first touch, last touch, linear, 40-20-40. */
  static String modelLabel(String model) {
    try {
      return switch (AttributionModel.valueOf(model)) {
        case FIRST_TOUCH -> "first touch";
        case LAST_TOUCH -> "last touch";
        case LINEAR -> "linear";
        case POSITION_BASED -> "40-20-40";
      };
    } catch (IllegalArgumentException unknown) {
      return model.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }
}
