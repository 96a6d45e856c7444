package io.roundtrip.models.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a CSV file the models read (transactions, campaign costs): RFC 4180 fields, where a
 * quoted field may hold commas and doubled quotes. Lines are read one at a time, so a quoted field
 * cannot span lines; the files these readers take have no line breaks inside values.
 */
public final class CsvLine {

  /** The byte order mark some spreadsheet programs put before the header. */
  public static final char BYTE_ORDER_MARK = '\uFEFF';

  private CsvLine() {}

  /**
   * The fields of {@code line}, unquoted; an empty line is one empty field.
   *
   * @throws Malformed when a quoted field is not closed, or text follows its closing quote
   */
  public static List<String> fields(String line) throws Malformed {
    List<String> out = new ArrayList<>(8);
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      field.setLength(0);
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new Malformed("unterminated quoted field: \"" + line + "\"");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < n && line.charAt(i) != ',') {
          throw new Malformed("text after a closing quote: \"" + line + "\"");
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      }
      out.add(field.toString());
      if (i >= n) {
        return out;
      }
      i++; // the comma
    }
  }

  /** The header line without a leading byte order mark. */
  public static String withoutByteOrderMark(String header) {
    return !header.isEmpty() && header.charAt(0) == BYTE_ORDER_MARK ? header.substring(1) : header;
  }

  /**
   * A problem with one line, before the reader puts the file and line number in front. No stack
   * trace: these are expected, and a bad file may have many.
   */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    public Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
