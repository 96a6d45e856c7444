package io.roundtrip.app.config;

import io.roundtrip.models.ModelContext;
import com.fasterxml.jackson.annotation.JsonCreator;
import io.roundtrip.models.attribution.AttributionJob;
import io.roundtrip.models.attribution.ConversionAttribution;
import io.roundtrip.models.attribution.ReferralLinks;
import io.roundtrip.models.attribution.ReferralShares;
import io.roundtrip.models.costs.CostsSource;
import io.roundtrip.models.events.OrderRefunds;
import io.roundtrip.models.funnels.FunnelDefinition;
import io.roundtrip.models.funnels.FunnelStep;
import io.roundtrip.models.funnels.OrderType;
import io.roundtrip.models.identity.IdentityOptions;
import io.roundtrip.models.ltv.LtvJob;
import io.roundtrip.models.ltv.LtvOptions;
import io.roundtrip.models.ltv.TimeUnit;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code models} section of {@code roundtrip.yml}; every field is optional. */
public record ModelsConfig(String schema, IdentityConfig identity, LtvConfig ltv, List<FunnelConfig> funnels,
    AttributionConfig attribution) {

  public static final ModelsConfig DEFAULT = new ModelsConfig(null, null, null, null, null);

  public ModelsConfig {
    schema = schema == null ? "{source}_models" : schema;
    identity = identity == null ? new IdentityConfig(null, null, null, null) : identity;
    ltv = ltv == null ? new LtvConfig(null, null, null, null, null, null, null) : ltv;
    attribution = attribution == null ? new AttributionConfig(null, null, null, null) : attribution;
    attribution = attribution.inheriting(ltv.refundEvents(), funnelCosts(funnels));
  }

  /**
   * The costs the funnels name, when they name one (or all the same one): attribution's default,
   * so that one costs file set on the campaign funnel also gives {@code attribution_by_campaign}
   * its spend. Null when no funnel has costs or funnels name different ones.
   */
  private static CostsConfig funnelCosts(List<FunnelConfig> funnels) {
    List<CostsConfig> named = funnels == null ? List.of()
        : funnels.stream().map(FunnelConfig::costs).filter(java.util.Objects::nonNull).distinct().toList();
    return named.size() == 1 ? named.get(0) : null;
  }

  /** The namespace a source's model tables go to. */
  public String namespace(String source) {
    return schema.replace("{source}", source);
  }

  public record IdentityConfig(Boolean emailEdges, Integer sharedDeviceMaxUsers, List<String> blockedValues,
      List<String> blockedPatterns) {
    public IdentityOptions options() {
      return new IdentityOptions(Boolean.TRUE.equals(emailEdges), sharedDeviceMaxUsers == null ? 5 : sharedDeviceMaxUsers,
          blockedValues, blockedPatterns);
    }
  }

  /**
   * @param refundEvents the events that take an order's value back, by its {@code order_id}
   *     (default {@link OrderRefunds#DEFAULT_EVENTS}; {@code []} for none); the funnels and
   *     attribution take them too, unless attribution names its own
   */
  public record LtvConfig(String purchaseEvent, List<String> valueColumns, String timeUnit, LocalDate calibrationEnd,
      Integer horizon, Double discountRate, List<String> refundEvents) {
    public LtvConfig {
      refundEvents = refundEvents == null ? OrderRefunds.DEFAULT_EVENTS : List.copyOf(refundEvents);
    }

    public LtvJob.Options options() {
      LtvJob.Options defaults = LtvJob.Options.defaults();
      TimeUnit unit = timeUnit == null ? TimeUnit.WEEK : TimeUnit.parse(timeUnit);
      LtvOptions model = LtvOptions.defaults(unit);
      if (horizon != null) {
        model = model.withHorizon(horizon);
      }
      if (discountRate != null) {
        model = model.withAnnualDiscountRate(discountRate);
      }
      return new LtvJob.Options(purchaseEvent == null ? defaults.purchaseEvent() : purchaseEvent,
          valueColumns == null ? defaults.valueColumns() : valueColumns, calibrationEnd, model, refundEvents);
    }
  }

  /**
   * A funnel; steps use the step grammar of {@link FunnelStep#parse}.
   *
   * @param costs campaign costs, matched on the breakdown (which may then name only campaign
   *     fields; without a breakdown, the funnel's revenue is set against all the spend)
   */
  public record FunnelConfig(String name, List<String> steps, String window, String order, List<String> breakdown,
      CostsConfig costs) {
    public FunnelConfig {
      costs = CostsConfig.check(costs);
    }

    /** @param refundEvents the events that take back the last step's revenue */
    public FunnelDefinition definition(List<String> refundEvents) {
      if (name == null || steps == null) {
        throw new IllegalArgumentException("models.funnels: every funnel needs a name and steps");
      }
      return new FunnelDefinition(name, steps.stream().map(FunnelStep::parse).toList(),
          window == null ? null : Durations.parse(window, "funnel " + name + " window"),
          order == null ? null : OrderType.valueOf(order.toUpperCase(Locale.ROOT)),
          breakdown, costs == null ? null : costs.source(), refundEvents);
    }
  }

  /**
   * Where campaign costs are ({@code campaign, source, medium, day, spend}): {@code costs: FILE.csv}
   * (relative to the working directory), or {@code costs: {table: <namespace>.<table>}} for a
   * warehouse table. Read and checked when a model that uses them runs.
   */
  public record CostsConfig(String file, String table) {
    @JsonCreator
    public CostsConfig {
      // neither is checked by the setting that holds them (see check): Jackson builds this record
      // before it reports an unknown key of it, which would then go unsaid
      if (file != null && table != null) {
        throw new InvalidSetting("costs are a CSV file or a warehouse table, not both");
      }
      if (table != null) {
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1) {
          throw new InvalidSetting("costs table \"" + table + "\" is not <namespace>.<table>", "table");
        }
      }
    }

    /** The costs of a setting, refused when they name neither a file nor a table ({@code costs: {}}). */
    static CostsConfig check(CostsConfig costs) {
      if (costs != null && costs.file() == null && costs.table() == null) {
        throw new InvalidSetting("costs are a CSV file (costs: FILE.csv, or {file: FILE.csv}) or a warehouse table "
            + "({table: <namespace>.<table>}): give one of them", "costs");
      }
      return costs;
    }

    /** {@code costs: FILE.csv}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CostsConfig of(String file) {
      return new CostsConfig(file, null);
    }

    /** The source, with a file's digest taken now (so a changed file is a changed setting). */
    public CostsSource source() {
      return file != null ? CostsSource.ofFile(file) : CostsSource.ofTable(table);
    }
  }

  /**
   * @param refundEvents default: {@code models.ltv.refund_events}
   * @param costs default: the costs the funnels name, when they all name the same
   */
  public record AttributionConfig(String purchaseEvent, List<String> valueColumns, String lookback,
      ReferralConfig referral, List<String> refundEvents, CostsConfig costs) {
    @JsonCreator
    public AttributionConfig {
      costs = CostsConfig.check(costs);
    }

    /** Taking its refund events and costs from the rest of the models section. */
    public AttributionConfig(String purchaseEvent, List<String> valueColumns, String lookback,
        ReferralConfig referral) {
      this(purchaseEvent, valueColumns, lookback, referral, null, null);
    }

    public AttributionJob.Options options() {
      AttributionJob.Options defaults = AttributionJob.Options.defaults();
      return new AttributionJob.Options(purchaseEvent == null ? defaults.purchaseEvent() : purchaseEvent,
          valueColumns == null ? defaults.revenueColumns() : valueColumns,
          lookback == null ? ConversionAttribution.DEFAULT_LOOKBACK : Durations.parse(lookback, "attribution lookback"),
          referral == null || referral.domain() == null ? ReferralLinks.none()
              : new ReferralLinks(referral.domain(), referral.channels() == null ? Map.of() : referral.channels()),
          new ReferralShares(referral == null ? null : referral.shareEvents()), refundEvents,
          costs == null ? null : costs.source());
    }

    /** With the defaults that come from the rest of the models section filled in. */
    AttributionConfig inheriting(List<String> ltvRefundEvents, CostsConfig funnelCosts) {
      return new AttributionConfig(purchaseEvent, valueColumns, lookback, referral,
          refundEvents == null ? ltvRefundEvents : refundEvents, costs == null ? funnelCosts : costs);
    }
  }

  /**
   * Ambassador's Smart URLs {@code https://<domain>/<tracking-id>[/<share-code>]}: the channel of
   * each tracking id (over the codes the Smart URLs page names), and the track events that are
   * shares (default {@link ReferralShares#DEFAULT_EVENTS}).
   */
  public record ReferralConfig(String domain, Map<String, String> channels, List<String> shareEvents) {}

  /** The configured funnels, or the campaign funnel when none are. */
  public List<FunnelDefinition> funnelDefinitions() {
    return funnels == null || funnels.isEmpty()
        ? List.of(FunnelDefinition.campaignFunnel().withRefundEvents(ltv.refundEvents()))
        : funnels.stream().map(f -> f.definition(ltv.refundEvents())).toList();
  }

  public ModelContext context(org.apache.spark.sql.SparkSession spark, io.roundtrip.warehouse.Warehouse warehouse,
      String source) {
    return new ModelContext(spark, warehouse, source, namespace(source));
  }
}
