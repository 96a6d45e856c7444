package io.roundtrip.app.output;

import io.roundtrip.models.sql.runs.NodeResult;
import io.roundtrip.models.sql.runs.RunReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The end of a {@code sql} run: counts by status, then each failure with its message and failing rows. */
public final class SqlRunSummary {

  private SqlRunSummary() {}

  public static void print(RunReport report, double seconds, PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "Done in %.1fs (run %s): %d ok, %d pass, %d warn, %d fail, %d error, %d skipped, %d total%n",
        seconds, report.runId(), report.count("success"), report.count("pass"), report.count("warn"),
        report.count("fail"), report.count("error"), report.count("skipped"), report.results().size());
    List<NodeResult> failures = report.results().stream().filter(NodeResult::failed).toList();
    if (!failures.isEmpty()) {
      out.println();
      out.println(failures.size() == 1 ? "Failure:" : "Failures:");
      for (NodeResult failure : failures) {
        out.println("  " + failure.resourceType() + " " + failure.name() + " (" + failure.status() + "): "
            + failure.message());
        if (!failure.sample().isEmpty()) {
          out.println("    failing rows (first " + failure.sample().size() + "):");
          failure.sample().forEach(row -> out.println("      " + row));
        }
      }
      long skipped = report.count("skipped");
      if (skipped > 0) {
        out.println("  " + skipped + " node(s) downstream were skipped; fix and run again with --retry-failed");
      }
    }
    out.flush();
  }
}
