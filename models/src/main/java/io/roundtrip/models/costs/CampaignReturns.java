package io.roundtrip.models.costs;

/**
 * What a campaign's spend brought back, as Segment's ROI guide computes it: {@code Campaign ROI =
 * (revenue attributed to the campaign - campaign cost) / campaign cost}, with return on ad spend
 * (revenue / cost) and cost per acquisition (cost / conversions) beside it.
 *
 * <p>Unknown spend (no cost lines for the campaign) is null, not zero, and so is every ratio built
 * on it: a campaign nobody entered costs for must not look free. A ratio whose divisor is zero
 * (no spend, no conversions) is null too.
 *
 * @param spend the campaign's total spend, null when unknown
 * @param costPerAcquisition spend / conversions
 * @param roi (revenue - spend) / spend, a fraction (0.25 is 25 %)
 * @param roas revenue / spend
 */
public record CampaignReturns(Double spend, Double costPerAcquisition, Double roi, Double roas) {

  /** Nothing known. */
  public static final CampaignReturns UNKNOWN = new CampaignReturns(null, null, null, null);

  /**
   * @param spend the spend, null when unknown
   * @param revenue the revenue the campaign is credited with
   * @param conversions the conversions it is credited with (fractional under multi-touch models)
   */
  public static CampaignReturns of(Double spend, double revenue, double conversions) {
    if (spend == null) {
      return UNKNOWN;
    }
    boolean spent = spend > 0;
    return new CampaignReturns(spend, conversions > 0 ? spend / conversions : null,
        spent ? (revenue - spend) / spend : null, spent ? revenue / spend : null);
  }
}
