package io.roundtrip.app.cli.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.app.cli.ExitCodes;
import io.roundtrip.models.ltv.CustomerSummary;
import io.roundtrip.models.ltv.CustomerValue;
import io.roundtrip.models.ltv.LtvModel;
import io.roundtrip.models.ltv.LtvOptions;
import io.roundtrip.models.ltv.Rfm;
import io.roundtrip.models.ltv.TimeUnit;
import io.roundtrip.models.ltv.Transaction;
import io.roundtrip.models.ltv.TransactionsCsv;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ltv", mixinStandardHelpOptions = true,
    description = {"Fits BG/NBD and Gamma-Gamma to a CSV of transactions (header customer_id,date,amount) without "
        + "Spark or a warehouse. Prints the parameters as one JSON object (r, alpha, a, b, ll, p, q, gamma) and "
        + "writes DIR/customers.csv with customer_id,frequency,recency,T,p_alive,expected_purchases,"
        + "expected_avg_value,clv when --out is given."})
public final class LtvCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--transactions", required = true, paramLabel = "FILE.csv", description = "customer_id,date,amount rows.")
  Path transactions;

  @Option(names = "--calibration-end", paramLabel = "DATE",
      description = "Last day of the calibration period (default: the last transaction's day).")
  LocalDate calibrationEnd;

  @Option(names = "--time-unit", paramLabel = "UNIT", defaultValue = "week",
      description = "week or day (default: ${DEFAULT-VALUE}).")
  String timeUnit;

  @Option(names = "--horizon", paramLabel = "N",
      description = "Periods (of the time unit) to predict purchases and value over (default: one year).")
  Integer horizon;

  @Option(names = "--discount-rate", paramLabel = "RATE", defaultValue = "0.10",
      description = "Annual discount rate for the lifetime value (default: ${DEFAULT-VALUE}).")
  double discountRate;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder to write customers.csv to.")
  Path out;

  @Override
  public Integer call() throws Exception {
    TimeUnit unit = TimeUnit.parse(timeUnit);
    LtvOptions options = LtvOptions.defaults(unit).withAnnualDiscountRate(discountRate);
    if (horizon != null) {
      options = options.withHorizon(horizon);
    }
    List<Transaction> rows = TransactionsCsv.read(transactions);
    List<CustomerSummary> summaries = calibrationEnd == null ? Rfm.summarize(rows, unit)
        : Rfm.summarize(rows, calibrationEnd, unit);
    LtvModel.Result result = LtvModel.fitAndScore(summaries, options);

    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("r", result.model().bgNbd().r());
    json.put("alpha", result.model().bgNbd().alpha());
    json.put("a", result.model().bgNbd().a());
    json.put("b", result.model().bgNbd().b());
    json.put("ll", result.model().bgNbd().logLikelihood());
    json.put("p", result.model().gammaGamma().p());
    json.put("q", result.model().gammaGamma().q());
    json.put("gamma", result.model().gammaGamma().gamma());
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(json);
    stdout.flush();
    if (out != null) {
      Files.createDirectories(out);
      try (BufferedWriter writer = Files.newBufferedWriter(out.resolve("customers.csv"), StandardCharsets.UTF_8)) {
        writer.write("customer_id,frequency,recency,T,p_alive,expected_purchases,expected_avg_value,clv\n");
        for (CustomerValue v : result.customers()) {
          writer.write(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.6f,%.6f,%.4f,%.4f%n", csv(v.customerId()),
              v.frequency(), v.recency(), v.T(), v.pAlive(), v.expectedPurchases(), v.expectedAvgValue(), v.clv()));
        }
      }
      spec.commandLine().getErr().printf("wrote %,d customers to %s%n", result.customers().size(),
          out.resolve("customers.csv"));
    }
    return ExitCodes.OK;
  }

  private static String csv(String value) {
    return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
