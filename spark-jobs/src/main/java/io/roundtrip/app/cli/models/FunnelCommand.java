package io.roundtrip.app.cli.models;

import io.roundtrip.app.cli.ConfigOptions;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.app.config.Durations;
import io.roundtrip.app.output.Tables;
import io.roundtrip.app.runtime.ModelRunner;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.models.funnels.FunnelCsv;
import io.roundtrip.models.funnels.FunnelDefinition;
import io.roundtrip.models.funnels.FunnelRow;
import io.roundtrip.models.funnels.FunnelStep;
import io.roundtrip.models.funnels.FunnelsJob;
import io.roundtrip.models.funnels.OrderType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "funnel", mixinStandardHelpOptions = true,
    description = {"Computes a funnel ad hoc and prints it: one row per breakdown value and step, with the header "
        + "breakdown,step,step_name,users,conversion_from_first,conversion_from_previous,avg_seconds,median_seconds.",
        "People are counted by canonical id when the identity model has run. Steps: a track event name, or "
        + "page:/path* (path prefix), page:name=Home, page:url=*x*, screen:Cart; filters as Event[prop=value]."})
public final class FunnelCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--source", required = true, paramLabel = "NAME", description = "The source whose events to use.")
  String source;

  @Option(names = "--steps", required = true, paramLabel = "A,B,C", description = "The steps, in order, comma-separated.")
  String steps;

  @Option(names = "--window", paramLabel = "DURATION", defaultValue = "14d",
      description = "Conversion window from step 1, inclusive (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--order", paramLabel = "ORDER", defaultValue = "sequential",
      description = "sequential (other events may come between steps) or strict (default: ${DEFAULT-VALUE}).")
  String order;

  @Option(names = "--breakdown", paramLabel = "COLUMN", description = "A column to break the funnel down by (first touch).")
  List<String> breakdown;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
      description = "csv, table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    Tables.Format output = Tables.format(format);
    OrderType orderType;
    try {
      orderType = OrderType.valueOf(order.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown order \"" + order + "\": use sequential or strict");
    }
    FunnelDefinition definition = new FunnelDefinition("adhoc", splitSteps(steps).stream().map(FunnelStep::parse).toList(),
        Durations.parse(window, "window"), orderType, breakdown);
    PrintWriter out = spec.commandLine().getOut();
    try (RoundtripContext context = configOptions.context()) {
      List<FunnelRow> rows = new FunnelsJob(new ModelRunner(context).modelContext(source)).report(definition);
      if (output == Tables.Format.CSV) {
        FunnelCsv.write(rows, out);
      } else {
        List<Row> table = new ArrayList<>();
        for (FunnelRow r : rows) {
          table.add(RowFactory.create(r.breakdown(), r.step(), r.stepName(), r.users(), r.conversionFromFirst(),
              r.conversionFromPrevious(), r.avgSeconds(), r.medianSeconds()));
        }
        var schema = new org.apache.spark.sql.types.StructType()
            .add("breakdown", "string").add("step", "int").add("step_name", "string").add("users", "long")
            .add("conversion_from_first", "double").add("conversion_from_previous", "double")
            .add("avg_seconds", "double").add("median_seconds", "double");
        Tables.print(schema, table, output, out);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** Splits on commas outside [filters]. */
  static List<String> splitSteps(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString().trim());
    return parts;
  }
}
