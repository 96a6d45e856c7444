package io.roundtrip.app.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A written report read back as XML (the page is well-formed XML on purpose): its sections, charts and tables. */
final class ReportPage {

  /** One bar or point: which series and category it shows, its value, and whether it has a size to draw. */
  record Mark(String series, String category, double value, boolean sized) {}

  final String html;
  final Document document;

  ReportPage(Path file) throws Exception {
    this.html = Files.readString(file);
    this.document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  List<Element> all(String tag) {
    return all(document.getDocumentElement(), tag);
  }

  static List<Element> all(Element root, String tag) {
    NodeList nodes = root.getElementsByTagName(tag);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  static boolean hasClass(Element element, String cssClass) {
    return List.of(element.getAttribute("class").split(" ")).contains(cssClass);
  }

  /** The charts by their data-chart id, in page order. */
  Map<String, Element> charts() {
    Map<String, Element> charts = new LinkedHashMap<>();
    for (Element svg : all("svg")) {
      charts.put(svg.getAttribute("data-chart"), svg);
    }
    return charts;
  }

  Element chart(String id) {
    Element chart = charts().get(id);
    if (chart == null) {
      throw new AssertionError("no chart " + id + " in the report; it has " + charts().keySet());
    }
    return chart;
  }

  List<Mark> marks(String chartId) {
    List<Mark> marks = new ArrayList<>();
    Element chart = chart(chartId);
    for (String tag : List.of("rect", "circle")) {
      for (Element mark : all(chart, tag)) {
        if (hasClass(mark, "mark")) {
          boolean sized = tag.equals("circle") ? Double.parseDouble(mark.getAttribute("r")) > 0
              : Double.parseDouble(mark.getAttribute("width")) > 0
                  && Double.parseDouble(mark.getAttribute("height")) > 0;
          marks.add(new Mark(mark.getAttribute("data-series"), mark.getAttribute("data-category"),
              Double.parseDouble(mark.getAttribute("data-value")), sized));
        }
      }
    }
    return marks;
  }

  /** category -> value of one series. */
  Map<String, Double> values(String chartId, String series) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Mark mark : marks(chartId)) {
      if (mark.series().equals(series)) {
        values.put(mark.category(), mark.value());
      }
    }
    return values;
  }

  /** The texts of the chart's SVG text elements with the class. */
  List<String> texts(String chartId, String cssClass) {
    return all(chart(chartId), "text").stream().filter(t -> hasClass(t, cssClass)).map(Element::getTextContent)
        .toList();
  }

  /** A table's body rows, each as its cells' texts. */
  List<List<String>> table(String id) {
    for (Element table : all("table")) {
      if (table.getAttribute("id").equals(id)) {
        List<List<String>> rows = new ArrayList<>();
        for (Element row : all((Element) table.getElementsByTagName("tbody").item(0), "tr")) {
          rows.add(all(row, "td").stream().map(Element::getTextContent).toList());
        }
        return rows;
      }
    }
    throw new AssertionError("no table " + id + " in the report");
  }

  /** Section id -> its class (available / unavailable). */
  Map<String, String> sections() {
    Map<String, String> sections = new LinkedHashMap<>();
    for (Element section : all("section")) {
      sections.put(section.getAttribute("id"), section.getAttribute("class"));
    }
    return sections;
  }

  Element section(String id) {
    return all("section").stream().filter(s -> s.getAttribute("id").equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no section " + id + "; the report has " + sections().keySet()));
  }

  /** The tiles at the top: label -> value. */
  Map<String, String> tiles() {
    Map<String, String> tiles = new LinkedHashMap<>();
    for (Element div : all("div")) {
      if (hasClass(div, "tile")) {
        List<Element> spans = all(div, "span");
        tiles.put(spans.get(1).getTextContent(), spans.get(0).getTextContent());
      }
    }
    return tiles;
  }
}
