package io.roundtrip.models.costs;

import io.roundtrip.models.csv.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads campaign costs from CSV: a header naming {@code campaign, source, medium, day, spend} (in
 * any order; other columns, such as the clicks of an ad platform's export, are ignored), then one
 * line per campaign, source, medium and day. RFC 4180 quoting, UTF-8 with or without a byte order
 * mark, LF or CRLF; blank lines are skipped. Values follow {@link CostRows}.
 */
public final class CostsCsv {

  /** The columns a costs file must have. */
  public static final List<String> COLUMNS = List.of("campaign", "source", "medium", "day", "spend");

  private CostsCsv() {}

  /** Reads {@code file}; messages name it as given ("costs.csv:7: ..."). */
  public static CampaignCosts read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new MalformedCostsException("costs file not found: " + file);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new MalformedCostsException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read costs file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads CSV text; {@code name} names it in messages. */
  public static CampaignCosts read(Reader reader, String name) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String header = in.readLine();
    if (header == null) {
      throw new MalformedCostsException(name + ": empty file; expected the header \"" + String.join(",", COLUMNS)
          + "\"");
    }
    Header columns = header(name, CsvLine.withoutByteOrderMark(header));
    int[] index = columns.index();
    CostRows rows = new CostRows(name);
    int lineNumber = 1;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String where = name + ":" + lineNumber;
      List<String> f;
      try {
        f = CsvLine.fields(line);
      } catch (CsvLine.Malformed e) {
        rows.error(where + ": " + e.getMessage());
        continue;
      }
      if (f.size() != columns.width()) {
        rows.error(where + ": expected " + columns.width() + " fields, as the header has, found " + f.size() + ": \"" + line
            + "\"");
        continue;
      }
      rows.add(where, f.get(index[0]), f.get(index[1]), f.get(index[2]), f.get(index[3]), f.get(index[4]));
    }
    return rows.build();
  }

  /** How many fields a line has, and where each of {@link #COLUMNS} is among them. */
  private record Header(int width, int[] index) {}

  private static Header header(String name, String header) {
    List<String> names;
    try {
      names = CsvLine.fields(header);
    } catch (CsvLine.Malformed e) {
      throw new MalformedCostsException(name + ":1: header: " + e.getMessage());
    }
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      positions.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    List<String> missing = new ArrayList<>();
    int[] index = new int[COLUMNS.size()];
    for (int i = 0; i < COLUMNS.size(); i++) {
      Integer at = positions.get(COLUMNS.get(i));
      if (at == null) {
        missing.add(COLUMNS.get(i));
      } else {
        index[i] = at;
      }
    }
    if (!missing.isEmpty()) {
      throw new MalformedCostsException(name + ":1: the header has no column " + String.join(", ", missing)
          + "; costs need " + String.join(",", COLUMNS) + ", found \"" + header + "\"");
    }
    return new Header(names.size(), index);
  }
}
