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
import io.roundtrip.models.ltv.LtvJob;
import io.roundtrip.warehouse.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** Predicted customer lifetime value per decile, and how likely customers are to still be active. */
final class LtvSection implements SectionReader {

  static final String ID = "ltv";

  @Override
  public String title() {
    return "Customer lifetime value";
  }

  @Override
  public Section read(ReportInputs in) {
    String intro = "Each purchaser's predicted lifetime value (BG/NBD and Gamma-Gamma, discounted) by decile, 1 being "
        + "the most valuable tenth, and P(alive): the probability that a customer is still buying.";
    TableId customers = in.modelTable(LtvJob.CUSTOMERS);
    if (!in.exists(customers)) {
      return Section.unavailable(ID, title(), intro, SectionReader.missing(customers,
          "Build it with: roundtrip models run ltv --source " + in.source()));
    }
    List<Block> blocks = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    List<Tile> tiles = new ArrayList<>();
    String money = in.moneyUnit();

    String decilesSql = ReportQueries.ltvDeciles(customers);
    queries.add(new Query("customers and CLV per decile", decilesSql));
    List<Row> deciles = in.rows(decilesSql);
    if (deciles.isEmpty()) {
      blocks.add(new Note("No customers yet: nobody has made a purchase."));
      return new Section(ID, title(), intro, blocks, tiles, queries, true);
    }
    List<String> categories = new ArrayList<>();
    List<Double> clv = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    double customerCount = 0;
    double totalClv = 0;
    for (Row row : deciles) {
      categories.add(Values.text(row, "decile"));
      clv.add(Values.number(row, "clv"));
      customerCount += Values.number(row, "customers");
      totalClv += Values.number(row, "clv");
      rows.add(List.of(Values.text(row, "decile"), Unit.COUNT.format(Values.number(row, "customers")),
          Unit.MONEY.format(Values.number(row, "clv")), Unit.MONEY.format(Values.number(row, "average_clv")),
          String.format(Locale.ROOT, "%.3f", Values.number(row, "average_p_alive"))));
    }
    blocks.add(new Figure(BarChart.of("ltv-deciles", "Predicted lifetime value per decile",
        "CLV decile (1 = the most valuable tenth)", "predicted CLV, sum (" + money + ")", Unit.MONEY, categories,
        new Series("predicted CLV", clv))));

    String pAliveSql = ReportQueries.pAlive(customers);
    queries.add(new Query("customers per tenth of P(alive)", pAliveSql));
    double[] bins = new double[10];
    for (Row row : in.rows(pAliveSql)) {
      bins[(int) Values.count(row, "bin")] = Values.number(row, "customers");
    }
    List<String> binLabels = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      binLabels.add(String.format(Locale.ROOT, "%.1f\u2013%.1f", i / 10.0, (i + 1) / 10.0));
    }
    blocks.add(new Figure(BarChart.of("p-alive", "How likely customers are to still be active",
        "P(alive), the probability that the customer is still active", "customers", Unit.COUNT, binLabels,
        new Series("customers", Arrays.stream(bins).boxed().toList()))));

    blocks.add(new Table("ltv-table", "Customers per decile", List.of("decile", "customers",
        "predicted CLV, sum (" + money + ")", "average CLV (" + money + ")", "average P(alive)"), rows,
        List.of(true, true, true, true, true)));
    tiles.add(new Tile("customers with a predicted CLV", Unit.COUNT.format(customerCount)));
    tiles.add(new Tile("predicted CLV, all customers (" + money + ")", Unit.MONEY.format(totalClv)));
    return new Section(ID, title(), intro, blocks, tiles, queries, true);
  }
}
