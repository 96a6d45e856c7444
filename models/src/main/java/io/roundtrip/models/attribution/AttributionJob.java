package io.roundtrip.models.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import io.roundtrip.models.ModelContext;
import io.roundtrip.models.events.PersonEvents;
import io.roundtrip.models.events.TouchEvent;
import io.roundtrip.warehouse.WriteMode;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * medium), {@code attribution_referrals} (clicks, conversions and revenue per model, channel and
 * advocate) and {@code attribution_referral_channels} (the same per channel, with the shares the
 * archive's share events count, see {@link ReferralShares}).
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
   */
  public record Options(String purchaseEvent, List<String> revenueColumns, Duration lookback, ReferralLinks links,
      ReferralShares shares) implements Serializable {
    public Options {
      shares = shares == null ? ReferralShares.defaults() : shares;
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
        Set.of(), options.purchaseEvent(), options.revenueColumns());
  }

  public Summary run() {
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
    write(BY_CAMPAIGN, byCampaign);

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
