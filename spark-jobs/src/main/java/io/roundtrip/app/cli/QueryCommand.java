package io.roundtrip.app.cli;

import io.roundtrip.app.output.Tables;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.warehouse.NativeSql;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Runs SQL on the warehouse and prints the result to stdout: Spark SQL on Delta, the database's own "
        + "SQL on postgres and snowflake (the query runs there). Every loaded table is <source>.<table>, the "
        + "loader's own tables are _roundtrip.<table> (loads, rejects, discards)."})
public final class QueryCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Mixin
  LoggingOptions logging;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv (with a header row) or json (one object per line) (default: ${DEFAULT-VALUE}).")
  String format;

  @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
  String sql;

  @Override
  public Integer call() {
    Tables.Format output = Tables.format(format);
    try (RoundtripContext context = configOptions.context()) {
      Warehouse warehouse = context.warehouse();
      Optional<NativeSql> nativeSql = warehouse.ability(NativeSql.class);
      Dataset<Row> result;
      if (nativeSql.isPresent()) {
        result = nativeSql.get().query(sql); // the database runs its own SQL
      } else {
        warehouse.ability(SqlCatalog.class).ifPresent(SqlCatalog::registerTables);
        result = context.spark().sql(sql);
      }
      List<Row> rows = result.collectAsList();
      Tables.print(result.schema(), rows, output, spec.commandLine().getOut());
      return ExitCodes.OK;
    }
  }
}
