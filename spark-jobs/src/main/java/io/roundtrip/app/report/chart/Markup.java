package io.roundtrip.app.report.chart;

/**
 * Writes HTML and SVG elements with escaped text and attributes. The output is also well-formed
 * XML (every element closed, no named entities), so tests can read it with an XML parser.
 */
public final class Markup {

  private final StringBuilder out = new StringBuilder();

  /** An opening tag; {@code attributes} are name, value pairs, a null value leaves the attribute out. */
  public Markup open(String tag, Object... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append('>');
    return this;
  }

  public Markup close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An element with text content. */
  public Markup element(String tag, String text, Object... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** An element without content. */
  public Markup empty(String tag, Object... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append("/>");
    return this;
  }

  public Markup text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Text that is markup already (a rendered chart, a style sheet without {@code <} or {@code &}). */
  public Markup raw(String markup) {
    out.append(markup);
    return this;
  }

  public Markup newline() {
    out.append('\n');
    return this;
  }

  private void attributes(Object[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(escape(text(value))).append('"');
      }
    }
  }

  private static String text(Object value) {
    return value instanceof Double d ? coordinate(d) : String.valueOf(value);
  }

  /** A coordinate with at most two decimals: enough for a pixel, short in the file. */
  static String coordinate(double value) {
    double rounded = Math.round(value * 100) / 100.0;
    return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
  }

  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
