package io.roundtrip.app.runtime;

import io.roundtrip.models.sql.runs.Compiled;
import io.roundtrip.models.sql.runs.LoadedProject;
import io.roundtrip.models.sql.runs.RunReport;
import io.roundtrip.models.sql.runs.SqlRunner;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** The one way the {@code sql} commands and {@code bench sql} run a project on the configured warehouse. */
public final class SqlModelRunner {

  private final RoundtripContext context;

  public SqlModelRunner(RoundtripContext context) {
    this.context = context;
  }

  public RunReport execute(LoadedProject project, SqlRunner.Command command, SqlRunner.Options options,
      Consumer<String> progress) {
    return runner(project, progress).execute(command, options);
  }

  public List<Compiled> compile(LoadedProject project, SqlRunner.Options options) {
    return runner(project, line -> { }).compile(options);
  }

  private SqlRunner runner(LoadedProject project, Consumer<String> progress) {
    return new SqlRunner(project, context.spark(), context.warehouse(), Clock.systemUTC(), progress);
  }
}
