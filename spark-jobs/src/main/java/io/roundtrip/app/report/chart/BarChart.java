package io.roundtrip.app.report.chart;

import java.util.List;

/**
 * Bars per category, one per series side by side, or stacked into one bar. Values are written
 * above the bars while there is room for them; every bar has its value as a tooltip.
 */
public record BarChart(String id, String title, String xLabel, String yLabel, Unit unit, List<String> categories,
    List<Series> series, boolean stacked) implements Chart {

  /** Above this many bars, value labels would overlap: the tooltips carry the values. */
  private static final int MAX_VALUE_LABELS = 14;

  private static final double MAX_BAR_WIDTH = 72;

  public BarChart {
    categories = List.copyOf(categories);
    series = List.copyOf(series);
    for (Series s : series) {
      if (s.values().size() != categories.size()) {
        throw new IllegalArgumentException("chart " + id + ": series " + s.name() + " has " + s.values().size()
            + " values for " + categories.size() + " categories");
      }
    }
  }

  /** One series. */
  public static BarChart of(String id, String title, String xLabel, String yLabel, Unit unit, List<String> categories,
      Series series) {
    return new BarChart(id, title, xLabel, yLabel, unit, categories, List.of(series), false);
  }

  @Override
  public void render(Markup out) {
    Frame frame = new Frame(id, title, xLabel, yLabel, unit, max(), categories,
        series.stream().map(Series::name).toList(), 40);
    frame.begin(out, "bar-chart");
    int bars = stacked ? categories.size() : categories.size() * series.size();
    boolean labelled = bars <= MAX_VALUE_LABELS;
    // bars no wider than MAX_BAR_WIDTH: two bars across the whole plot read as blocks, not bars
    double barWidth = Math.min(MAX_BAR_WIDTH, frame.slot() * (stacked ? 0.6 : 0.8) / (stacked ? 1 : series.size()));
    double groupWidth = stacked ? barWidth : barWidth * series.size();
    for (int c = 0; c < categories.size(); c++) {
      double x0 = frame.centre(c) - groupWidth / 2;
      double base = 0;
      for (int s = 0; s < series.size(); s++) {
        double value = series.get(s).values().get(c);
        double x = stacked ? x0 : x0 + s * barWidth;
        double from = stacked ? base : 0;
        double yTop = frame.y(from + value);
        double yBottom = frame.y(from);
        String tooltip = categories.get(c) + (series.size() > 1 ? " \u00b7 " + series.get(s).name() : "") + ": "
            + series.get(s).label(c, unit);
        out.open("rect", "class", "mark", "data-series", series.get(s).name(), "data-category", categories.get(c),
            "data-value", Double.toString(value), "x", x + (stacked ? 0 : 1), "y", yTop,
            "width", Math.max(0, barWidth - (stacked ? 0 : 2)), "height", Math.max(0, yBottom - yTop),
            "fill", Palette.colour(s));
        out.element("title", tooltip).close("rect");
        if (labelled && !stacked) {
          out.element("text", series.get(s).label(c, unit), "class", "value", "x", x + barWidth / 2, "y", yTop - 4,
              "text-anchor", "middle");
        }
        base += value;
      }
      if (labelled && stacked) {
        out.element("text", unit.format(base), "class", "value", "x", frame.centre(c), "y", frame.y(base) - 4,
            "text-anchor", "middle");
      }
    }
    frame.end(out);
  }

  private double max() {
    double max = 0;
    for (int c = 0; c < categories.size(); c++) {
      double total = 0;
      for (Series s : series) {
        double v = s.values().get(c);
        total = stacked ? total + v : Math.max(total, v);
      }
      max = Math.max(max, total);
    }
    return max;
  }
}
