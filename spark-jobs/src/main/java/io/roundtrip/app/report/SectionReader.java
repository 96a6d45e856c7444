package io.roundtrip.app.report;

import io.roundtrip.warehouse.TableId;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Reads one section of the report; a section whose tables are missing says so instead of failing. */
interface SectionReader {

  /** The section's heading, also shown as progress while it is read. */
  String title();

  Section read(ReportInputs in);

  /** The note of a section that needs {@code table}, which does not exist: what to run to build it. */
  static String missing(TableId table, String remedy) {
    return "No data yet: " + table + " does not exist. " + remedy;
  }

  /** Every day from the first to the last, so days without any show as 0 rather than vanish. */
  static List<LocalDate> days(LocalDate first, LocalDate last) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }

  /** A window or lookback in words: "14 days", "36 hours", "90 minutes". */
  static String inWords(Duration duration) {
    long minutes = duration.toMinutes();
    long n = minutes % (24 * 60) == 0 ? minutes / (24 * 60) : minutes % 60 == 0 ? minutes / 60 : minutes;
    String unit = minutes % (24 * 60) == 0 ? "day" : minutes % 60 == 0 ? "hour" : "minute";
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
