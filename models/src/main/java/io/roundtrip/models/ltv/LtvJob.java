package io.roundtrip.models.ltv;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;

import io.roundtrip.models.ModelContext;
import io.roundtrip.models.events.OrderRefunds;
import io.roundtrip.models.events.PersonEvents;
import io.roundtrip.models.events.TouchEvent;
import io.roundtrip.warehouse.WriteMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Lifetime value per person from a source's purchase events: daily purchase totals per
 * canonical person (net of refunds and cancellations) are computed in Spark, then summarised ({@link Rfm}), fitted and scored
 * ({@link LtvModel}) on the driver; one row per buyer is small even for millions of buyers.
 * Writes {@code ltv_customers} and {@code ltv_fit_report}.
 */
public final class LtvJob {

  public static final String CUSTOMERS = "ltv_customers";
  public static final String FIT_REPORT = "ltv_fit_report";

  /**
   * @param purchaseEvent the track event that is a purchase
   * @param valueColumns its columns holding the value, first non-null wins
   * @param calibrationEnd the last day of the calibration period; null for the day of the latest purchase
   * @param refundEvents the events that take an order's value back, by its {@code order_id} (see
   *     {@link OrderRefunds}); null for {@link OrderRefunds#DEFAULT_EVENTS}, empty for none
   */
  public record Options(String purchaseEvent, List<String> valueColumns, LocalDate calibrationEnd, LtvOptions model,
      List<String> refundEvents) {
    public Options {
      refundEvents = refundEvents == null ? OrderRefunds.DEFAULT_EVENTS : List.copyOf(refundEvents);
    }

    /** With the default refund events. */
    public Options(String purchaseEvent, List<String> valueColumns, LocalDate calibrationEnd, LtvOptions model) {
      this(purchaseEvent, valueColumns, calibrationEnd, model, null);
    }

    public static Options defaults() {
      return new Options("Order Completed", List.of("revenue", "total"), null, LtvOptions.defaults(TimeUnit.WEEK));
    }
  }

  /** What a run fitted. */
  public record Summary(long customers, long repeatBuyers, LocalDate calibrationEnd, List<FitReport> fit) {}

  private final ModelContext context;
  private final Options options;

  public LtvJob(ModelContext context, Options options) {
    this.context = context;
    this.options = options;
  }

  public Summary run() {
    List<Transaction> purchases = purchases();
    if (purchases.isEmpty()) {
      throw new IllegalArgumentException("Source " + context.source() + " has no \"" + options.purchaseEvent()
          + "\" events with a value to fit lifetime value on (fully refunded orders are not purchases)");
    }
    LocalDate end = options.calibrationEnd() != null ? options.calibrationEnd()
        : purchases.stream().map(Transaction::date).max(LocalDate::compareTo).orElseThrow();
    List<CustomerSummary> summaries = Rfm.summarize(purchases, end, options.model().timeUnit());
    LtvModel.Result result = LtvModel.fitAndScore(summaries, options.model());

    List<Row> customers = new ArrayList<>(result.customers().size());
    for (int i = 0; i < result.customers().size(); i++) {
      CustomerValue v = result.customers().get(i);
      customers.add(RowFactory.create(v.customerId(), v.frequency(), v.recency(), v.T(), summaries.get(i).monetary(),
          v.pAlive(), v.expectedPurchases(), v.expectedAvgValue(), v.clv(), v.decile()));
    }
    context.warehouse().write(context.modelTable(CUSTOMERS), context.spark().createDataFrame(customers, CUSTOMERS_SCHEMA),
        WriteMode.overwrite());
    Instant fittedAt = Instant.now();
    List<Row> report = new ArrayList<>();
    for (FitReport fit : result.model().fitReports()) {
      report.add(RowFactory.create(fittedAt, fit.model(), fit.parameter(), fit.estimate(), fit.logLikelihood(),
          fit.iterations(), fit.converged(), fit.customers(), end, options.model().timeUnit().name().toLowerCase(),
          options.model().horizon()));
    }
    context.warehouse().write(context.modelTable(FIT_REPORT), context.spark().createDataFrame(report, REPORT_SCHEMA),
        WriteMode.append());
    long repeat = summaries.stream().filter(s -> s.frequency() > 0).count();
    return new Summary(summaries.size(), repeat, end, result.model().fitReports());
  }

  /**
   * One transaction per canonical person and day, summed: each order at what its refunds left of
   * it, and a fully refunded or cancelled order not at all (it is no purchase to count). What the
   * fit is given; package-visible so the refund rules are tested without a fit.
   */
  List<Transaction> purchases() {
    PersonEvents.Spec spec = new PersonEvents.Spec(Set.of(), Set.of(), options.purchaseEvent(), options.valueColumns(),
        options.refundEvents());
    Dataset<Row> daily = new PersonEvents(context).events(spec)
        .where(col("kind").equalTo(TouchEvent.TRACK).and(col("name").equalTo(options.purchaseEvent()))
            .and(not(col(PersonEvents.FULLY_REFUNDED))))
        .groupBy(col("canonical_user_id"), to_date(col("timestamp")).as("day"))
        .agg(org.apache.spark.sql.functions.sum("revenue").as("value"));
    List<Transaction> out = new ArrayList<>();
    for (Row row : daily.collectAsList()) {
      Object day = row.get(1);
      LocalDate date = day instanceof java.sql.Date sqlDate ? sqlDate.toLocalDate() : (LocalDate) day;
      out.add(new Transaction(row.getString(0), date, row.getDouble(2)));
    }
    return out;
  }

  static final StructType CUSTOMERS_SCHEMA = new StructType()
      .add("canonical_user_id", DataTypes.StringType).add("frequency", DataTypes.IntegerType)
      .add("recency", DataTypes.DoubleType).add("T", DataTypes.DoubleType).add("monetary", DataTypes.DoubleType)
      .add("p_alive", DataTypes.DoubleType).add("expected_purchases", DataTypes.DoubleType)
      .add("expected_avg_value", DataTypes.DoubleType).add("clv", DataTypes.DoubleType)
      .add("decile", DataTypes.IntegerType);

  static final StructType REPORT_SCHEMA = new StructType()
      .add("fitted_at", DataTypes.TimestampType).add("model", DataTypes.StringType)
      .add("parameter", DataTypes.StringType).add("estimate", DataTypes.DoubleType)
      .add("log_likelihood", DataTypes.DoubleType).add("iterations", DataTypes.IntegerType)
      .add("converged", DataTypes.BooleanType).add("customers", DataTypes.LongType)
      .add("calibration_end", DataTypes.DateType).add("time_unit", DataTypes.StringType)
      .add("horizon", DataTypes.IntegerType);
}
