package io.roundtrip.models.funnels;

import io.roundtrip.models.ModelContext;
import io.roundtrip.models.costs.CampaignCosts;
import io.roundtrip.models.costs.CampaignReturns;
import io.roundtrip.models.events.PersonEvents;
import io.roundtrip.models.events.TouchEvent;
import io.roundtrip.warehouse.WriteMode;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Funnels over a source's events: each person's events are matched on the executors
 * ({@link FunnelMatcher}), one small result per person comes back, and {@link FunnelReport}
 * counts them. A configured funnel is written to {@code funnel_<name>}.
 *
 * <p>Phases: read the costs (when the funnel has them), match each person, count, set the
 * breakdown values' spend against their revenue (net of refunds, see {@link
 * io.roundtrip.models.events.OrderRefunds}), write.
 */
public final class FunnelsJob {

  /** The purchase event's columns its revenue is read from, first non-null wins. */
  static final List<String> REVENUE_COLUMNS = List.of("revenue", "total");

  private final ModelContext context;
  private final PersonEvents events;

  public FunnelsJob(ModelContext context) {
    this(context, new PersonEvents(context));
  }

  /** With events that may already be grouped (see {@link PersonEvents#cache}). */
  public FunnelsJob(ModelContext context, PersonEvents events) {
    this.context = context;
    this.events = events;
  }

  /** What the funnels need of each event. */
  public static PersonEvents.Spec spec(List<FunnelDefinition> definitions) {
    PersonEvents.Spec all = null;
    for (FunnelDefinition definition : definitions) {
      PersonEvents.Spec one = spec(definition);
      all = all == null ? one : all.union(one) == null ? all : all.union(one);
    }
    return all;
  }

  /**
   * The funnel's rows, per breakdown value and step; with costs, the last step's rows carry the
   * breakdown value's spend and what it returned (see {@link FunnelRow}).
   */
  public List<FunnelRow> report(FunnelDefinition definition) {
    // read first: a bad costs file fails the funnel before any Spark work
    CampaignCosts costs = definition.costs() == null ? null : definition.costs().read(context);
    PersonEvents.Spec spec = spec(definition);
    List<PersonFunnel> people = events.byPerson(spec).javaRDD()
        .map(person -> FunnelMatcher.match(definition, PersonEvents.touchEvents(person)))
        .filter(person -> person.furthestStep() > 0)
        .collect();
    List<FunnelRow> rows = FunnelReport.of(definition, people).rows();
    return costs == null ? rows : withReturns(definition, rows, people, costs);
  }

  /**
   * The rows with spend matched on the breakdown's campaign fields: a breakdown value is the
   * first-touch values of those fields, so its spend is that of the cost lines with the same
   * values, over every day. A value with no cost lines, or one that is {@value
   * PersonFunnel#NONE} (the person came with no campaign), has unknown spend.
   */
  private static List<FunnelRow> withReturns(FunnelDefinition definition, List<FunnelRow> rows,
      List<PersonFunnel> people, CampaignCosts costs) {
    Map<List<String>, Double> spend = costs.spendBy(definition.campaignBreakdown());
    Map<String, List<String>> values = new HashMap<>();
    for (PersonFunnel person : people) {
      values.putIfAbsent(person.breakdownKey(), person.breakdown());
    }
    int last = definition.steps().size();
    List<FunnelRow> out = new ArrayList<>(rows.size());
    for (FunnelRow row : rows) {
      if (row.step() != last) {
        out.add(row);
        continue;
      }
      Double spent = spend.get(values.getOrDefault(row.breakdown(), List.of()));
      out.add(row.withReturns(CampaignReturns.of(spent, row.revenue(), row.users())));
    }
    return out;
  }

  static PersonEvents.Spec spec(FunnelDefinition definition) {
    Set<String> properties = new HashSet<>(definition.breakdown());
    Set<String> ownTable = new HashSet<>();
    for (FunnelStep step : definition.steps()) {
      properties.addAll(step.filters().keySet());
      if (!step.filters().isEmpty() && step.kind().equals(TouchEvent.TRACK)) {
        ownTable.add(step.value());
      }
    }
    FunnelStep last = definition.steps().get(definition.steps().size() - 1);
    String revenueEvent = last.kind().equals(TouchEvent.TRACK) ? last.value() : null;
    return new PersonEvents.Spec(properties, ownTable, revenueEvent, REVENUE_COLUMNS, definition.refundEvents());
  }

  /** Computes each funnel and replaces its table; returns the table names. */
  public List<String> run(List<FunnelDefinition> definitions) {
    List<String> tables = new ArrayList<>();
    for (FunnelDefinition definition : definitions) {
      String table = tableName(definition);
      List<Row> rows = new ArrayList<>();
      for (FunnelRow row : report(definition)) {
        rows.add(RowFactory.create(row.breakdown(), row.step(), row.stepName(), row.users(), row.conversionFromFirst(),
            row.conversionFromPrevious(), row.dropOff(), row.avgSeconds(), row.medianSeconds(), row.revenue(),
            row.spend(), row.costPerAcquisition(), row.roi(), row.roas()));
      }
      Dataset<Row> frame = context.spark().createDataFrame(rows, SCHEMA);
      context.warehouse().write(context.modelTable(table), frame, WriteMode.overwrite());
      tables.add(table);
    }
    return tables;
  }

  /** The table a funnel is written to: {@code funnel_<name>}, the name made a column-safe word. */
  public static String tableName(FunnelDefinition definition) {
    return "funnel_" + new NameRules(Dialect.DELTA).columnName(definition.name())
        .orElseThrow(() -> new IllegalArgumentException("Funnel name \"" + definition.name() + "\" has no letters or digits"));
  }

  static final StructType SCHEMA = new StructType()
      .add("breakdown", DataTypes.StringType).add("step", DataTypes.IntegerType)
      .add("step_name", DataTypes.StringType).add("users", DataTypes.LongType)
      .add("conversion_from_first", DataTypes.DoubleType).add("conversion_from_previous", DataTypes.DoubleType)
      .add("drop_off", DataTypes.LongType).add("avg_seconds", DataTypes.DoubleType)
      .add("median_seconds", DataTypes.DoubleType).add("revenue", DataTypes.DoubleType)
      .add("spend", DataTypes.DoubleType).add("cost_per_acquisition", DataTypes.DoubleType)
      .add("roi", DataTypes.DoubleType).add("roas", DataTypes.DoubleType);
}
