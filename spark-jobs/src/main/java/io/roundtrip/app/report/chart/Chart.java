package io.roundtrip.app.report.chart;

/**
 * A chart drawn as inline SVG: a title, labelled axes with units, and one {@code class="mark"}
 * element (a bar or a point) per value, which carries {@code data-series}, {@code data-category}
 * and {@code data-value} so the numbers can be read back and checked against the tables.
 */
public sealed interface Chart permits BarChart, LineChart {

  /** Unique in the page; the SVG's {@code data-chart}. */
  String id();

  String title();

  /** Appends the {@code <svg>} element. */
  void render(Markup out);
}
