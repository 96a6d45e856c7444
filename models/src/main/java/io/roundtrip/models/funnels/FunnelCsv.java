package io.roundtrip.models.funnels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes funnel rows as CSV: the header below, ratios with 4 decimals, seconds with 1, empty
 * cells for nulls, RFC 4180 quoting and CRLF line ends (as the CLI's other CSV output). Revenue
 * and drop-off are left out: drop-off is derivable from users, and revenue only means something
 * on the last step.
 */
public final class FunnelCsv {

  public static final String HEADER = "breakdown,step,step_name,users,conversion_from_first,"
      + "conversion_from_previous,avg_seconds,median_seconds";

  private static final String EOL = "\r\n";

  private FunnelCsv() {}

  /** Writes the header and the rows, ordered by breakdown then step. */
  public static void write(List<FunnelRow> rows, Appendable out) throws IOException {
    out.append(HEADER).append(EOL);
    List<FunnelRow> ordered = rows.stream()
        .sorted(Comparator.comparing(FunnelRow::breakdown).thenComparingInt(FunnelRow::step))
        .toList();
    for (FunnelRow r : ordered) {
      out.append(cell(r.breakdown())).append(',')
          .append(Integer.toString(r.step())).append(',')
          .append(cell(r.stepName())).append(',')
          .append(Long.toString(r.users())).append(',')
          .append(format("%.4f", r.conversionFromFirst())).append(',')
          .append(format("%.4f", r.conversionFromPrevious())).append(',')
          .append(format("%.1f", r.avgSeconds())).append(',')
          .append(format("%.1f", r.medianSeconds()))
          .append(EOL);
    }
  }

  /** The CSV text of the rows. */
  public static String toCsv(List<FunnelRow> rows) {
    StringBuilder out = new StringBuilder();
    try {
      write(rows, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return out.toString();
  }

  private static String format(String pattern, Double value) {
    // ROOT so a German locale does not write "0,5000" into a comma-separated file.
    return value == null ? "" : String.format(Locale.ROOT, pattern, value);
  }

  /** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
