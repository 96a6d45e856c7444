package io.roundtrip.app.cli.sql;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.output.SqlRunSummary;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.app.runtime.SqlModelRunner;
import io.roundtrip.models.sql.runs.LoadedProject;
import io.roundtrip.models.sql.runs.RunReport;
import io.roundtrip.models.sql.runs.SqlRunner;
import java.io.PrintWriter;

/** What seed, run, test and build share: read the project (before Spark starts), run, summarize. */
final class SqlExecution {

  private SqlExecution() {}

  static int run(SqlRunner.Command command, ConfigOptions configOptions, ProjectOptions project, RunOptions run,
      PrintWriter out) {
    RoundtripConfig config = configOptions.load();
    LoadedProject loaded = project.load(config, configOptions.env());
    SqlRunner.Options options = run.options(project, config);
    long t0 = System.nanoTime();
    try (RoundtripContext context = new RoundtripContext(config)) {
      RunReport report = new SqlModelRunner(context).execute(loaded, command, options, line -> {
        out.println(line);
        out.flush();
      });
      SqlRunSummary.print(report, (System.nanoTime() - t0) / 1e9, out);
      return report.failed() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
  }
}
