package io.roundtrip.app.report.chart;

import java.util.List;

/**
 * What bar and line charts share: the SVG element, the title, the legend, the value axis with its
 * grid and label, and the category axis with its labels (turned when they would overlap).
 */
final class Frame {

  static final double WIDTH = 760;
  private static final double PLOT_HEIGHT = 230;
  private static final double LEFT = 78;
  private static final double RIGHT = 20;
  private static final double CHAR_WIDTH = 6.4; // at the 11px axis font, about
  private static final int LONGEST_LABEL = 26;
  /** Characters of a title that fit the width at its 14px bold font; the full title is the SVG's title. */
  private static final int LONGEST_TITLE = 84;

  private final String id;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final Unit unit;
  private final Scale scale;
  private final List<String> categories;
  private final List<String> seriesNames;
  private final boolean turned;
  private final double top;
  private final double height;
  /** Only every n-th category is labelled when there are too many to label each. */
  private final int labelEvery;

  Frame(String id, String title, String xLabel, String yLabel, Unit unit, double dataMax, List<String> categories,
      List<String> seriesNames, int maxLabels) {
    this.id = id;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.unit = unit;
    this.scale = Scale.covering(dataMax, unit);
    this.categories = categories;
    this.seriesNames = seriesNames;
    this.labelEvery = Math.max(1, (int) Math.ceil(categories.size() / (double) maxLabels));
    int longest = categories.stream().mapToInt(c -> shorten(c, LONGEST_LABEL).length()).max().orElse(0);
    double room = slot() * labelEvery;
    this.turned = longest * CHAR_WIDTH > room - 6;
    this.top = 34 + (seriesNames.size() > 1 ? 22 : 0);
    double labels = turned ? longest * CHAR_WIDTH * 0.64 + 14 : 18;
    this.height = top + PLOT_HEIGHT + labels + 34;
  }

  double left() {
    return LEFT;
  }

  double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  double bottom() {
    return top + PLOT_HEIGHT;
  }

  /** The width each category gets. */
  double slot() {
    return plotWidth() / Math.max(1, categories.size());
  }

  /** The x of the middle of category {@code i}. */
  double centre(int i) {
    return LEFT + slot() * (i + 0.5);
  }

  /** The y of {@code value} on the value axis. */
  double y(double value) {
    return bottom() - PLOT_HEIGHT * Math.min(value, scale.max()) / scale.max();
  }

  Unit unit() {
    return unit;
  }

  /** Opens the SVG and draws everything but the marks. */
  void begin(Markup out, String kind) {
    out.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart " + kind, "data-chart", id,
        "viewBox", "0 0 " + Markup.coordinate(WIDTH) + " " + Markup.coordinate(height),
        "width", WIDTH, "height", height, "role", "img", "aria-label", title);
    out.element("title", title);
    out.element("text", shorten(title, LONGEST_TITLE), "class", "chart-title", "x", LEFT, "y", 20.0);
    legend(out);
    for (double tick : scale.ticks()) {
      double y = y(tick);
      out.empty("line", "class", tick == 0 ? "axis" : "grid", "x1", LEFT, "x2", LEFT + plotWidth(), "y1", y, "y2", y);
      out.element("text", unit.tick(tick, scale.step()), "class", "tick", "x", LEFT - 8, "y", y + 4,
          "text-anchor", "end");
    }
    double middle = top + PLOT_HEIGHT / 2;
    out.element("text", yLabel, "class", "axis-label", "x", 16.0, "y", middle, "text-anchor", "middle",
        "transform", "rotate(-90 16 " + Markup.coordinate(middle) + ")");
    for (int i = 0; i < categories.size(); i += labelEvery) {
      String label = shorten(categories.get(i), LONGEST_LABEL);
      double x = centre(i);
      double y = bottom() + 16;
      if (turned) {
        out.element("text", label, "class", "tick", "x", x, "y", y, "text-anchor", "end",
            "transform", "rotate(-40 " + Markup.coordinate(x) + " " + Markup.coordinate(y) + ")");
      } else {
        out.element("text", label, "class", "tick", "x", x, "y", y, "text-anchor", "middle");
      }
    }
    out.element("text", xLabel, "class", "axis-label", "x", LEFT + plotWidth() / 2, "y", height - 8,
        "text-anchor", "middle");
  }

  void end(Markup out) {
    out.close("svg");
  }

  private void legend(Markup out) {
    if (seriesNames.size() < 2) {
      return;
    }
    double x = LEFT;
    for (int s = 0; s < seriesNames.size(); s++) {
      out.empty("rect", "class", "swatch", "x", x, "y", 34.0, "width", 12.0, "height", 12.0,
          "fill", Palette.colour(s));
      out.element("text", seriesNames.get(s), "class", "legend", "x", x + 16, "y", 44.0);
      x += 16 + seriesNames.get(s).length() * CHAR_WIDTH + 18;
    }
  }

  private static String shorten(String text, int longest) {
    return text.length() <= longest ? text : text.substring(0, longest - 1) + "\u2026";
  }
}
