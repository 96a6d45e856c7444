package io.roundtrip.models.ltv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The CDNOW sample of Fader, Hardie &amp; Lee (2005), from the test resources. */
final class Cdnow {

  /** The end of the published calibration period (1997-01-01 .. 1997-09-30, inclusive). */
  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

  private Cdnow() {}

  /**
   * The purchases, with the sample_id (second column, "0001") as customer id "1": that is the ID
   * of the published summaries (master_id 00004 is their customer 1).
   */
  static List<Transaction> transactions() {
    List<Transaction> out = new ArrayList<>();
    for (String line : lines("cdnow/CDNOW_sample.txt")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      out.add(new Transaction(Integer.toString(Integer.parseInt(f[1])),
          LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), Double.parseDouble(f[4])));
    }
    return out;
  }

  /** The customers' summaries as our own {@link Rfm} computes them, in weeks. */
  static List<CustomerSummary> summaries() {
    return Rfm.summarize(transactions(), CALIBRATION_END, TimeUnit.WEEK);
  }

  /** Rows of a published CSV, header dropped, split on commas (CRLF tolerated). */
  static List<String[]> csv(String resource) {
    List<String> lines = lines(resource);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(line.trim().split(","));
      }
    }
    return rows;
  }

  static List<String> lines(String resource) {
    InputStream in = Cdnow.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
