package io.roundtrip.app.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.roundtrip.loaders.load.LoadSummary;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The summary a load prints at the end: rows per table, duplicates, rejects, what the schema gained. */
public final class LoadReport {

  private LoadReport() {}

  public static void print(LoadSummary s, boolean json, PrintWriter out) {
    if (json) {
      try {
        out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      out.flush();
      return;
    }
    out.printf("Load %s into %s: %,d files loaded, %,d already loaded and skipped, %.1f s%n", s.loadId(), s.source(),
        s.filesLoaded(), s.filesSkipped(), s.millis() / 1000.0);
    out.printf("  lines %,d = new events %,d + duplicates %,d (%,d within this load, %,d already loaded) + rejects %,d"
            + " + filtered %,d + blank %,d%n", s.lines(), s.newEvents(), s.duplicatesInLoad() + s.duplicatesInWarehouse(),
        s.duplicatesInLoad(), s.duplicatesInWarehouse(), s.rejects(), s.filtered(), s.blankLines());
    if (s.filtered() > 0 || s.filteredProperties() > 0) {
      out.printf("  selective sync left out %,d events and %,d property values (they stay in the archive)%n",
          s.filtered(), s.filteredProperties());
    }
    if (s.rejects() > 0) {
      out.printf("  rejected lines are in _roundtrip.rejects (file, line, reason)%n");
    }
    if (s.discards() > 0) {
      out.printf("  %,d values did not fit their column; they are in _roundtrip.discards%n", s.discards());
    }
    if (!s.rowsByTable().isEmpty()) {
      out.println("  rows written:");
      for (Map.Entry<String, Long> table : s.rowsByTable().entrySet()) {
        List<String> added = s.columnsAdded().get(table.getKey());
        String note = s.tablesAdded().contains(table.getKey()) ? "  (new table, " + added.size() + " columns)"
            : added == null ? "" : "  (+" + added.size() + " columns: " + String.join(", ", added) + ")";
        List<String> widened = s.columnsWidened().get(table.getKey());
        if (widened != null) {
          note += "  (widened: " + String.join(", ", widened) + ")";
        }
        out.printf("    %-32s %,12d%s%n", s.source() + "." + table.getKey(), table.getValue(), note);
      }
    }
    out.flush();
  }
}
