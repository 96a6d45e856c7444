package io.roundtrip.models.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import io.roundtrip.models.ModelContext;
import io.roundtrip.models.costs.CampaignColumn;
import io.roundtrip.models.costs.CampaignReturns;
import io.roundtrip.models.costs.CostsSource;
import io.roundtrip.models.events.OrderRefunds;
import io.roundtrip.models.events.PersonEvents;
import io.roundtrip.models.events.TouchEvent;
import io.roundtrip.warehouse.WriteMode;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Marketing attribution: for each purchase, the campaign sessions and referral-link visits of the
 * buyer in the lookback window, credited by each {@link AttributionModel}.
 *
 * <p>Tables: {@code attribution_credits} (one row per conversion, model and credited touch),
 * {@code attribution_by_campaign} (conversions and revenue per model and campaign / source /
 * medium, with the campaign's spend and what it returned when there are costs, see {@link
 * CampaignReturns}), {@code attribution_referrals} (clicks, conversions and revenue per model, channel and
 * advocate) and {@code attribution_referral_channels} (the same per channel, with the shares the
 * archive's share events count, see {@link ReferralShares}).
 *
 * <p>Revenue is what refunds and cancellations left of each order (see {@link OrderRefunds}); a
 * fully refunded order still counts as a conversion, of revenue 0: the touches did bring the
 * person to buy.
 *
 * <p>Phases: read the costs (when configured), credit each person's conversions on the
 * executors, then write the credits and the tables summed from them.
 */
public final class AttributionJob {

  public static final String CREDITS = "attribution_credits";
  public static final String BY_CAMPAIGN = "attribution_by_campaign";
  public static final String REFERRALS = "attribution_referrals";
  public static final String REFERRAL_CHANNELS = "attribution_referral_channels";

  /**
   * @param purchaseEvent the track event that is a conversion
   * @param revenueColumns its columns holding the revenue, first non-null wins
   * @param lookback how far before a conversion touches count (inclusive)
   * @param links the referral-link domain and tracking ids
   * @param shares the share events counted per channel
   * @param refundEvents the events that take an order's revenue back, by its {@code order_id};
   *     null for {@link OrderRefunds#DEFAULT_EVENTS}, empty for none
   * @param costs the campaign costs {@code attribution_by_campaign} sets against its revenue, or
   *     null for none (its spend columns are then NULL)
   */
  public record Options(String purchaseEvent, List<String> revenueColumns, Duration lookback, ReferralLinks links,
      ReferralShares shares, List<String> refundEvents, CostsSource costs) implements Serializable {
    public Options {
      shares = shares == null ? ReferralShares.defaults() : shares;
      refundEvents = refundEvents == null ? OrderRefunds.DEFAULT_EVENTS : List.copyOf(refundEvents);
    }

    /** With the default refund events and no costs. */
    public Options(String purchaseEvent, List<String> revenueColumns, Duration lookback, ReferralLinks links,
        ReferralShares shares) {
      this(purchaseEvent, revenueColumns, lookback, links, shares, null, null);
    }

    public Options withRefundEvents(List<String> events) {
      return new Options(purchaseEvent, revenueColumns, lookback, links, shares, events, costs);
    }

    public Options withCosts(CostsSource newCosts) {
      return new Options(purchaseEvent, revenueColumns, lookback, links, shares, refundEvents, newCosts);
    }

    public static Options defaults() {
      return new Options("Order Completed", List.of("revenue", "total"), ConversionAttribution.DEFAULT_LOOKBACK,
          ReferralLinks.none(), ReferralShares.defaults());
    }
  }

  /** What a run found. */
  public record Summary(long conversions, long credits, double revenue) {}

  private final ModelContext context;
  private final Options options;
  private final PersonEvents events;

  public AttributionJob(ModelContext context, Options options) {
    this(context, options, new PersonEvents(context));
  }

  /** With events that may already be grouped (see {@link PersonEvents#cache}). */
  public AttributionJob(ModelContext context, Options options, PersonEvents events) {
    this.context = context;
    this.options = options;
    this.events = events;
  }

  /** What attribution needs of each event. */
  public static PersonEvents.Spec spec(Options options) {
    return new PersonEvents.Spec(Set.of(Session.CAMPAIGN_NAME, Session.CAMPAIGN_SOURCE, Session.CAMPAIGN_MEDIUM),
        Set.of(), options.purchaseEvent(), options.revenueColumns(), options.refundEvents());
  }

  public Summary run() {
    // read first: bad costs fail the run before any Spark work
    Map<List<String>, Double> spend = options.costs() == null ? Map.of()
        : options.costs().read(context).spendBy(CAMPAIGN_FIELDS);
    PersonEvents.Spec spec = spec(options);
    Options opts = options;
    JavaRDD<Row> creditRows = events.byPerson(spec).javaRDD().flatMap(person -> {
      List<TouchEvent> personEvents = PersonEvents.touchEvents(person);
      String personId = person.getString(person.fieldIndex("canonical_user_id"));
      List<Row> out = new ArrayList<>();
      for (TouchEvent event : personEvents) {
        if (event.kind().equals(TouchEvent.TRACK) && opts.purchaseEvent().equals(event.name())) {
          AttributedConversion conversion = ConversionAttribution.attribute(personEvents, event.timestamp(),
              event.revenue(), opts.lookback(), opts.links());
          for (Credit credit : conversion.credits()) {
            Touch touch = credit.touch();
            out.add(RowFactory.create(personId, conversion.time(), conversion.revenue(), credit.model().name(),
                touch.type().name(), touch.campaign(), touch.source(), touch.medium(), touch.advocate(), touch.time(),
                credit.points(), credit.revenue()));
          }
        }
      }
      return out.iterator();
    });
    Dataset<Row> credits = context.spark().createDataFrame(creditRows, CREDITS_SCHEMA).localCheckpoint(true);
    write(CREDITS, credits);

    Dataset<Row> byCampaign = credits.groupBy("model", "campaign", "source", "medium")
        .agg(sum("points").as("conversions"), sum("revenue").as("revenue"))
        .orderBy("model", "campaign", "source", "medium");
    write(BY_CAMPAIGN, withReturns(byCampaign, spend));

    Dataset<Row> clicks = referralClicks(events);
    Dataset<Row> referred = credits.where(col("touch_type").equalTo(Touch.Type.REFERRAL.name()))
        .groupBy(col("model"), col("source").as("channel"), col("advocate"))
        .agg(sum("points").as("conversions"), sum("revenue").as("revenue"));
    Dataset<Row> models = context.spark().createDataFrame(
        java.util.Arrays.stream(AttributionModel.values()).map(m -> RowFactory.create(m.name())).toList(),
        new StructType().add("model", DataTypes.StringType));
    Dataset<Row> referrals = clicks.crossJoin(models)
        .join(referred, scalaSeq("model", "channel", "advocate"), "full_outer")
        .select(col("model"), col("channel"), col("advocate"), coalesce(col("clicks"), lit(0L)).as("clicks"),
            coalesce(col("conversions"), lit(0.0)).as("conversions"), coalesce(col("revenue"), lit(0.0)).as("revenue"))
        .orderBy("model", "channel", "advocate")
        .localCheckpoint(true);
    write(REFERRALS, referrals);
    Dataset<Row> channels = referrals.groupBy("model", "channel")
        .agg(sum("clicks").as("clicks"), sum("conversions").as("conversions"), sum("revenue").as("revenue"));
    Dataset<Row> shares = options.shares().perChannel(context, options.links())
        .orElse(context.spark().createDataFrame(List.of(), SHARES_SCHEMA)).crossJoin(models);
    write(REFERRAL_CHANNELS, channels.join(shares, scalaSeq("model", "channel"), "full_outer")
        .select(col("model"), col("channel"), coalesce(col("shares"), lit(0L)).as("shares"),
            coalesce(col("clicks"), lit(0L)).as("clicks"), coalesce(col("conversions"), lit(0.0)).as("conversions"),
            coalesce(col("revenue"), lit(0.0)).as("revenue"))
        .orderBy("model", "channel"));

    Row totals = credits.where(col("model").equalTo(AttributionModel.LAST_TOUCH.name()))
        .agg(count("*"), coalesce(sum("revenue"), lit(0.0))).first();
    return new Summary(totals.getLong(0), credits.count(), totals.getDouble(1));
  }

  /**
   * The by-campaign rows with each campaign's spend (summed over every day of the cost lines of
   * its campaign, source and medium) and its returns under each model. One row per model and
   * campaign: few enough to compute on the driver, by the one formula of {@link CampaignReturns}.
   */
  private Dataset<Row> withReturns(Dataset<Row> byCampaign, Map<List<String>, Double> spend) {
    List<Row> rows = new ArrayList<>();
    for (Row r : byCampaign.collectAsList()) {
      String campaign = r.getString(1);
      String source = r.getString(2);
      String medium = r.getString(3);
      double conversions = r.getDouble(4);
      double revenue = r.getDouble(5);
      Double spent = campaign == null || source == null || medium == null ? null
          : spend.get(List.of(campaign, source, medium));
      CampaignReturns returns = CampaignReturns.of(spent, revenue, conversions);
      rows.add(RowFactory.create(r.getString(0), campaign, source, medium, conversions, revenue, returns.spend(),
          returns.costPerAcquisition(), returns.roi(), returns.roas()));
    }
    return context.spark().createDataFrame(rows, BY_CAMPAIGN_SCHEMA);
  }

  /** The fields {@code attribution_by_campaign} is grouped by, so spend is matched on all three. */
  static final List<CampaignColumn> CAMPAIGN_FIELDS =
      List.of(CampaignColumn.CAMPAIGN, CampaignColumn.SOURCE, CampaignColumn.MEDIUM);

  /** Page views of referral links: channel, advocate, clicks. */
  private Dataset<Row> referralClicks(PersonEvents events) {
    ReferralLinks links = options.links();
    UserDefinedFunction channel = udf((UDF1<String, String>) url ->
        url == null ? null : links.match(url).map(Referral::channel).orElse(null), DataTypes.StringType);
    UserDefinedFunction advocate = udf((UDF1<String, String>) url ->
        url == null ? null : links.match(url).map(Referral::shareCode).orElse(null), DataTypes.StringType);
    return events.events(new PersonEvents.Spec(Set.of(), Set.of(), null, List.of()))
        .where(col("kind").equalTo(TouchEvent.PAGE))
        .select(channel.apply(col("url")).as("channel"), advocate.apply(col("url")).as("advocate"))
        .where(col("channel").isNotNull())
        .groupBy("channel", "advocate").agg(count("*").as("clicks"));
  }

  private void write(String table, Dataset<Row> rows) {
    context.warehouse().write(context.modelTable(table), rows, WriteMode.overwrite());
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toSeq();
  }

  static final StructType BY_CAMPAIGN_SCHEMA = new StructType()
      .add("model", DataTypes.StringType).add("campaign", DataTypes.StringType)
      .add("source", DataTypes.StringType).add("medium", DataTypes.StringType)
      .add("conversions", DataTypes.DoubleType).add("revenue", DataTypes.DoubleType)
      .add("spend", DataTypes.DoubleType).add("cost_per_acquisition", DataTypes.DoubleType)
      .add("roi", DataTypes.DoubleType).add("roas", DataTypes.DoubleType);

  static final StructType SHARES_SCHEMA = new StructType().add("channel", DataTypes.StringType)
      .add("shares", DataTypes.LongType);

  static final StructType CREDITS_SCHEMA = new StructType()
      .add("canonical_user_id", DataTypes.StringType).add("conversion_time", DataTypes.TimestampType)
      .add("conversion_revenue", DataTypes.DoubleType).add("model", DataTypes.StringType)
      .add("touch_type", DataTypes.StringType).add("campaign", DataTypes.StringType)
      .add("source", DataTypes.StringType).add("medium", DataTypes.StringType)
      .add("advocate", DataTypes.StringType).add("touch_time", DataTypes.TimestampType)
      .add("points", DataTypes.DoubleType).add("revenue", DataTypes.DoubleType);
}
