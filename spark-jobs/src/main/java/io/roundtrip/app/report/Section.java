package io.roundtrip.app.report;

import io.roundtrip.app.report.chart.Chart;
import java.util.List;

/**
 * One part of the report: a heading, a sentence on what it shows, then its charts, tables and
 * notes in order, the headline figures it adds to the top of the page, and the SQL it ran.
 *
 * @param available false when its tables are missing (its blocks then say which, and what to run)
 */
public record Section(String id, String title, String intro, List<Block> blocks, List<Tile> tiles,
    List<Query> queries, boolean available) {

  public Section {
    blocks = List.copyOf(blocks);
    tiles = List.copyOf(tiles);
    queries = List.copyOf(queries);
  }

  /** A section that could not be drawn, saying why and what to do. */
  static Section unavailable(String id, String title, String intro, String why) {
    return new Section(id, title, intro, List.of(new Note(why)), List.of(), List.of(), false);
  }

  public List<Chart> charts() {
    return blocks.stream().filter(Figure.class::isInstance).map(b -> ((Figure) b).chart()).toList();
  }

  /** Something shown in a section. */
  public sealed interface Block permits Figure, Table, Note {}

  public record Figure(Chart chart) implements Block {}

  /**
   * A table of formatted cells.
   *
   * @param numeric which columns hold numbers (right-aligned)
   */
  public record Table(String id, String caption, List<String> header, List<List<String>> rows, List<Boolean> numeric)
      implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      numeric = List.copyOf(numeric);
      if (numeric.size() != header.size()) {
        throw new IllegalArgumentException("table " + id + ": " + numeric.size() + " alignments for "
            + header.size() + " columns");
      }
    }
  }

  public record Note(String text) implements Block {}

  /** A headline figure at the top of the page. */
  public record Tile(String label, String value) {}

  /** SQL the section ran, with what it is for. */
  public record Query(String purpose, String sql) {}
}
