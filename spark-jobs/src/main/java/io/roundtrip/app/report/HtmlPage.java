package io.roundtrip.app.report;

import io.roundtrip.app.report.Section.Block;
import io.roundtrip.app.report.Section.Figure;
import io.roundtrip.app.report.Section.Note;
import io.roundtrip.app.report.Section.Query;
import io.roundtrip.app.report.Section.Table;
import io.roundtrip.app.report.Section.Tile;
import io.roundtrip.app.report.chart.Markup;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The report as one HTML file that needs nothing else to view: styles inline, charts as inline
 * SVG, no scripts, no fonts or images to fetch.
 */
final class HtmlPage {

  // No < or & in here: the page is also well-formed XML
  private static final String STYLE = """
      :root { color-scheme: light; }
      body { margin: 0; background: #f6f7f9; color: #1d2330;
             font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      header, main, footer { max-width: 820px; margin: 0 auto; padding: 0 20px; }
      header { padding-top: 28px; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 19px; margin: 0 0 6px; }
      .meta, .intro, footer { color: #4b5366; }
      .tiles { display: flex; flex-wrap: wrap; gap: 10px; margin: 18px 0; }
      .tile { background: #fff; border: 1px solid #dfe3ea; border-radius: 8px; padding: 10px 14px; min-width: 150px; }
      .tile .value { display: block; font-size: 20px; font-weight: 600; }
      .tile .label { display: block; color: #4b5366; font-size: 12px; }
      nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
      nav a, a { color: #0b5cad; }
      section { background: #fff; border: 1px solid #dfe3ea; border-radius: 10px; padding: 18px 20px; margin: 18px 0; }
      section.unavailable { background: #fbfbfc; }
      figure { margin: 14px 0; }
      svg.chart { max-width: 100%; height: auto; display: block; }
      svg .chart-title { font-size: 14px; font-weight: 600; fill: #1d2330; }
      svg .tick { font-size: 11px; fill: #4b5366; }
      svg .axis-label { font-size: 12px; fill: #1d2330; }
      svg .legend { font-size: 11px; fill: #1d2330; }
      svg .value { font-size: 10px; fill: #1d2330; }
      svg .grid { stroke: #e6e9ef; stroke-width: 1; }
      svg .axis { stroke: #8a92a3; stroke-width: 1; }
      table.data { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 13px; }
      table.data caption { text-align: left; color: #4b5366; padding-bottom: 4px; }
      table.data th, table.data td { border-bottom: 1px solid #e6e9ef; padding: 4px 8px; text-align: left; }
      table.data th { font-weight: 600; background: #f3f5f8; }
      table.data .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .note { background: #fff8e1; border-left: 3px solid #e0a800; padding: 8px 12px; }
      details { margin-top: 10px; color: #4b5366; }
      pre { background: #f3f5f8; padding: 10px; overflow-x: auto; font-size: 12px; }
      footer { padding-bottom: 30px; font-size: 12px; }
      """;

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private HtmlPage() {}

  static String render(String source, String warehouse, Instant generated, List<Section> sections) {
    Markup out = new Markup();
    out.raw("<!DOCTYPE html>").newline();
    out.open("html", "lang", "en").newline();
    out.open("head").empty("meta", "charset", "utf-8")
        .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
        .element("title", "Roundtrip report: " + source)
        .open("style").raw(STYLE).close("style").close("head").newline();
    out.open("body").open("header");
    out.element("h1", "Roundtrip report: source " + source);
    out.element("p", "Generated " + MINUTES.format(generated) + " UTC from the warehouse in " + warehouse
        + ". Every number comes from the SQL shown under its section; run it again with roundtrip query.",
        "class", "meta");
    out.open("div", "class", "tiles");
    for (Section section : sections) {
      for (Tile tile : section.tiles()) {
        out.open("div", "class", "tile").element("span", tile.value(), "class", "value")
            .element("span", tile.label(), "class", "label").close("div");
      }
    }
    out.close("div");
    out.open("nav").open("ul");
    for (Section section : sections) {
      out.open("li").element("a", section.title(), "href", "#" + section.id()).close("li");
    }
    out.close("ul").close("nav").close("header").newline();
    out.open("main");
    for (Section section : sections) {
      section(section, out);
    }
    out.close("main").newline();
    out.element("footer", "Roundtrip 0.1.0. Charts are inline SVG: the file needs no network to view.");
    out.close("body").newline().close("html").newline();
    return out.toString();
  }

  private static void section(Section section, Markup out) {
    out.open("section", "id", section.id(), "class", section.available() ? "available" : "unavailable").newline();
    out.element("h2", section.title());
    out.element("p", section.intro(), "class", "intro");
    for (Block block : section.blocks()) {
      if (block instanceof Figure figure) {
        out.open("figure");
        figure.chart().render(out);
        out.close("figure").newline();
      } else if (block instanceof Table table) {
        table(table, out);
      } else if (block instanceof Note note) {
        out.element("p", note.text(), "class", "note");
      }
    }
    if (!section.queries().isEmpty()) {
      out.open("details").element("summary", "SQL behind this section");
      for (Query query : section.queries()) {
        out.element("p", query.purpose() + ":").element("pre", query.sql());
      }
      out.close("details");
    }
    out.close("section").newline();
  }

  private static void table(Table table, Markup out) {
    out.open("table", "class", "data", "id", table.id()).element("caption", table.caption());
    out.open("thead").open("tr");
    for (int i = 0; i < table.header().size(); i++) {
      out.element("th", table.header().get(i), "class", table.numeric().get(i) ? "number" : null);
    }
    out.close("tr").close("thead").open("tbody");
    for (List<String> row : table.rows()) {
      out.open("tr");
      for (int i = 0; i < row.size(); i++) {
        out.element("td", row.get(i), "class", table.numeric().get(i) ? "number" : null);
      }
      out.close("tr");
    }
    out.close("tbody").close("table").newline();
  }
}
