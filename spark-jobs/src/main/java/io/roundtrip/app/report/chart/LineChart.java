package io.roundtrip.app.report.chart;

import java.util.List;

/** One line per series over ordered categories (days), with a point on each value. */
public record LineChart(String id, String title, String xLabel, String yLabel, Unit unit, List<String> categories,
    List<Series> series) implements Chart {

  public LineChart {
    categories = List.copyOf(categories);
    series = List.copyOf(series);
    for (Series s : series) {
      if (s.values().size() != categories.size()) {
        throw new IllegalArgumentException("chart " + id + ": series " + s.name() + " has " + s.values().size()
            + " values for " + categories.size() + " categories");
      }
    }
  }

  @Override
  public void render(Markup out) {
    double max = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
    Frame frame = new Frame(id, title, xLabel, yLabel, unit, max, categories,
        series.stream().map(Series::name).toList(), 12);
    frame.begin(out, "line-chart");
    for (int s = 0; s < series.size(); s++) {
      List<Double> values = series.get(s).values();
      StringBuilder path = new StringBuilder();
      for (int c = 0; c < values.size(); c++) {
        path.append(c == 0 ? "M" : " L").append(Markup.coordinate(frame.centre(c))).append(' ')
            .append(Markup.coordinate(frame.y(values.get(c))));
      }
      out.empty("path", "class", "line", "d", path.toString(), "fill", "none", "stroke", Palette.colour(s),
          "stroke-width", 2.0);
      for (int c = 0; c < values.size(); c++) {
        out.open("circle", "class", "mark", "data-series", series.get(s).name(), "data-category", categories.get(c),
            "data-value", Double.toString(values.get(c)), "cx", frame.centre(c), "cy", frame.y(values.get(c)),
            "r", 3.5, "fill", Palette.colour(s));
        out.element("title", categories.get(c) + (series.size() > 1 ? " \u00b7 " + series.get(s).name() : "")
            + ": " + series.get(s).label(c, unit)).close("circle");
      }
    }
    frame.end(out);
  }
}
