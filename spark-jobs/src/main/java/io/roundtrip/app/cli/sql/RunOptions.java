package io.roundtrip.app.cli.sql;

import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.models.sql.materialize.TimeRange;
import io.roundtrip.models.sql.runs.SqlRunner;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the commands that build and test run. */
public final class RunOptions {

  @Option(names = "--full-refresh", description = "Rebuild incremental models whole (unless full_refresh: false).")
  boolean fullRefresh;

  @Option(names = "--start", paramLabel = "DATE",
      description = "Start (inclusive) of the interval time_range models replace: 2026-01-31 or an ISO instant.")
  String start;

  @Option(names = "--end", paramLabel = "DATE",
      description = "End (exclusive) of that interval (default: tomorrow, UTC).")
  String end;

  @Option(names = "--threads", paramLabel = "N", description = "Nodes run at once (default: sql.threads, else 4).")
  Integer threads;

  @Option(names = "--retry-failed", description = "Run only what failed or was skipped in the last run.")
  boolean retryFailed;

  public SqlRunner.Options options(ProjectOptions project, RoundtripConfig config) {
    if (end != null && start == null) {
      throw new IllegalArgumentException("--end needs --start");
    }
    return new SqlRunner.Options(project.select(), project.exclude(), fullRefresh,
        Optional.ofNullable(start).map(s -> TimeRange.parse(s, "--start")),
        Optional.ofNullable(end).map(s -> TimeRange.parse(s, "--end")), retryFailed,
        threads != null ? threads : config.sql().threads());
  }
}
