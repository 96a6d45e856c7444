package io.roundtrip.app.config;

import io.roundtrip.models.ModelContext;
import io.roundtrip.models.attribution.AttributionJob;
import io.roundtrip.models.attribution.ConversionAttribution;
import io.roundtrip.models.attribution.ReferralLinks;
import io.roundtrip.models.attribution.ReferralShares;
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
    ltv = ltv == null ? new LtvConfig(null, null, null, null, null, null) : ltv;
    attribution = attribution == null ? new AttributionConfig(null, null, null, null) : attribution;
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

  public record LtvConfig(String purchaseEvent, List<String> valueColumns, String timeUnit, LocalDate calibrationEnd,
      Integer horizon, Double discountRate) {
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
          valueColumns == null ? defaults.valueColumns() : valueColumns, calibrationEnd, model);
    }
  }

  /** A funnel; steps use the step grammar of {@link FunnelStep#parse}. */
  public record FunnelConfig(String name, List<String> steps, String window, String order, List<String> breakdown) {
    public FunnelDefinition definition() {
      if (name == null || steps == null) {
        throw new IllegalArgumentException("models.funnels: every funnel needs a name and steps");
      }
      return new FunnelDefinition(name, steps.stream().map(FunnelStep::parse).toList(),
          window == null ? null : Durations.parse(window, "funnel " + name + " window"),
          order == null ? null : OrderType.valueOf(order.toUpperCase(Locale.ROOT)), breakdown);
    }
  }

  public record AttributionConfig(String purchaseEvent, List<String> valueColumns, String lookback,
      ReferralConfig referral) {
    public AttributionJob.Options options() {
      AttributionJob.Options defaults = AttributionJob.Options.defaults();
      return new AttributionJob.Options(purchaseEvent == null ? defaults.purchaseEvent() : purchaseEvent,
          valueColumns == null ? defaults.revenueColumns() : valueColumns,
          lookback == null ? ConversionAttribution.DEFAULT_LOOKBACK : Durations.parse(lookback, "attribution lookback"),
          referral == null || referral.domain() == null ? ReferralLinks.none()
              : new ReferralLinks(referral.domain(), referral.channels() == null ? Map.of() : referral.channels()),
          new ReferralShares(referral == null ? null : referral.shareEvents()));
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
    return funnels == null || funnels.isEmpty() ? List.of(FunnelDefinition.campaignFunnel())
        : funnels.stream().map(FunnelConfig::definition).toList();
  }

  public ModelContext context(org.apache.spark.sql.SparkSession spark, io.roundtrip.warehouse.Warehouse warehouse,
      String source) {
    return new ModelContext(spark, warehouse, source, namespace(source));
  }
}
