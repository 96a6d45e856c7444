package io.roundtrip.app.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG the charts write, read back as XML. */
class ChartsTest {

  static Document svg(Chart chart) throws Exception {
    Markup out = new Markup();
    chart.render(out);
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> elements(Document document, String tag, String cssClass) {
    NodeList nodes = document.getElementsByTagName(tag);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element element = (Element) nodes.item(i);
      if (cssClass == null || List.of(element.getAttribute("class").split(" ")).contains(cssClass)) {
        found.add(element);
      }
    }
    return found;
  }

  static List<String> texts(Document document) {
    return elements(document, "text", null).stream().map(Element::getTextContent).toList();
  }

  static double number(Element element, String attribute) {
    return Double.parseDouble(element.getAttribute(attribute));
  }

  @Test
  void barHeightsAreProportionalToTheValuesAndTheAxisCoversTheLargest() throws Exception {
    Document svg = svg(BarChart.of("people", "People per step", "funnel step", "people", Unit.COUNT,
        List.of("1. Store Visited", "2. Product Viewed", "3. Order Completed"), new Series("people",
            List.of(196.0, 154.0, 13.0))));

    List<Element> bars = elements(svg, "rect", "mark");
    assertThat(bars).extracting(b -> b.getAttribute("data-value")).containsExactly("196.0", "154.0", "13.0");
    double unit = number(bars.get(0), "height") / 196;
    assertThat(number(bars.get(1), "height")).isCloseTo(154 * unit, Offset.offset(0.02));
    assertThat(number(bars.get(2), "height")).isCloseTo(13 * unit, Offset.offset(0.02));
    // the axis goes to 200 in steps of 50: the top tick's line is 200 units above the baseline
    List<Element> grid = elements(svg, "line", "grid");
    Element baseline = elements(svg, "line", "axis").get(0);
    assertThat(number(baseline, "y1") - number(grid.get(grid.size() - 1), "y1")).isCloseTo(200 * unit,
        Offset.offset(0.02));
    assertThat(texts(svg)).contains("0", "50", "100", "150", "200", "196", "154", "13");
  }

  @Test
  void everyChartHasItsTitleAndAxisLabelsAndATooltipPerMark() throws Exception {
    Document svg = svg(new LineChart("dau", "Daily active users", "day (UTC)", "people active", Unit.COUNT,
        List.of("2026-01-01", "2026-01-02"), List.of(new Series("people", List.of(45.0, 67.0)))));

    assertThat(texts(svg)).contains("Daily active users", "day (UTC)", "people active");
    assertThat(svg.getDocumentElement().getAttribute("data-chart")).isEqualTo("dau");
    assertThat(elements(svg, "circle", "mark")).extracting(c -> c.getElementsByTagName("title").item(0)
        .getTextContent()).containsExactly("2026-01-01: 45", "2026-01-02: 67");
    assertThat(elements(svg, "path", "line")).hasSize(1);
  }

  @Test
  void stackedBarsSitOnEachOtherAndGroupedBarsSideBySide() throws Exception {
    List<String> days = List.of("2026-01-01", "2026-01-02");
    List<Series> series = List.of(new Series("track", List.of(10.0, 20.0)), new Series("page", List.of(30.0, 5.0)));
    Document stacked = svg(new BarChart("s", "Events", "day", "events", Unit.COUNT, days, series, true));
    List<Element> bars = elements(stacked, "rect", "mark");
    Element track = bars.get(0);
    Element page = bars.get(1);
    assertThat(number(page, "y") + number(page, "height")).isCloseTo(number(track, "y"), Offset.offset(0.02));
    assertThat(number(page, "x")).isEqualTo(number(track, "x"));
    assertThat(texts(stacked)).contains("40", "25", "track", "page"); // totals above, and a legend

    Document grouped = svg(new BarChart("g", "Events", "day", "events", Unit.COUNT, days, series, false));
    List<Element> side = elements(grouped, "rect", "mark");
    assertThat(number(side.get(1), "x")).isGreaterThan(number(side.get(0), "x") + number(side.get(0), "width"));
  }

  @Test
  void percentagesReadAsPercentOnTheAxisAndTheBars() throws Exception {
    Document svg = svg(BarChart.of("c", "Conversion", "campaign", "converted (% of step 1)", Unit.PERCENT,
        List.of("spring_sale / cpc", "(none) / (none)"), new Series("conversion", List.of(0.236, 0.066))));
    assertThat(texts(svg)).contains("0%", "5%", "25%", "23.6%", "6.6%");
  }

  @Test
  void textIsEscapedSoNamesFromTheDataCannotBreakThePage() throws Exception {
    Document svg = svg(BarChart.of("x", "Revenue <by> \"channel\" & model", "a", "b", Unit.MONEY,
        List.of("<script>alert(1)</script>"), new Series("s & t", List.of(1.0))));
    assertThat(texts(svg)).contains("Revenue <by> \"channel\" & model", "<script>alert(1)</script>");
    assertThat(svg.getElementsByTagName("script").getLength()).isZero();
  }

  @Test
  void manyDaysAreLabelledSparselyAndLongLabelsTurned() throws Exception {
    List<String> days = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int d = 1; d <= 60; d++) {
      days.add(java.time.LocalDate.of(2026, 1, 1).plusDays(d - 1).toString());
      values.add((double) d);
    }
    Document line = svg(new LineChart("d", "t", "day", "people", Unit.COUNT, days, List.of(new Series("p", values))));
    List<String> dayLabels = texts(line).stream().filter(t -> t.startsWith("2026-")).toList();
    assertThat(dayLabels).hasSizeBetween(2, 12).contains("2026-01-01");
    assertThat(elements(line, "circle", "mark")).hasSize(60);

    Document bars = svg(BarChart.of("b", "t", "day", "events", Unit.COUNT, days, new Series("e", values)));
    assertThat(elements(bars, "text", "tick").stream().filter(t -> t.getTextContent().startsWith("2026-"))
        .allMatch(t -> t.getAttribute("transform").startsWith("rotate(-40"))).isTrue();
  }

  @Test
  void aSeriesMustHaveAValuePerCategory() {
    assertThatThrownBy(() -> BarChart.of("x", "t", "a", "b", Unit.COUNT, List.of("a", "b"),
        new Series("s", List.of(1.0)))).hasMessage("chart x: series s has 1 values for 2 categories");
  }
}
