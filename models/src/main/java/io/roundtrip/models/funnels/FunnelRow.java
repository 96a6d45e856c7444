package io.roundtrip.models.funnels;

import io.roundtrip.models.costs.CampaignReturns;
import java.io.Serializable;

/**
 * One line of a funnel report: one step within one breakdown value.
 *
 * @param breakdown the breakdown properties' values joined with " / ", "" without a breakdown
 * @param step 1-based step number
 * @param stepName the step's label
 * @param users people whose furthest step is this one or later
 * @param conversionFromFirst users / users of step 1
 * @param conversionFromPrevious users / users of the previous step; 1.0 for step 1, 0 when the
 *     previous step had nobody
 * @param dropOff users of the previous step minus users; 0 for step 1
 * @param avgSeconds mean time from the previous step to this one over the people who reached
 *     it; null for step 1 and when nobody reached it
 * @param medianSeconds median of the same times (mean of the middle two for an even count)
 * @param revenue on the last step's row, the sum of its revenue over people who completed the
 *     funnel (what refunds left of it); 0 on other rows
 * @param spend on the last step's row, the breakdown value's campaign spend; null on other rows,
 *     when the funnel has no costs, and when the costs have no line for the value
 * @param costPerAcquisition on the last step's row, spend / users; null without spend or users
 * @param roi on the last step's row, (revenue - spend) / spend; null without spend
 * @param roas on the last step's row, revenue / spend; null without spend
 */
public record FunnelRow(
    String breakdown,
    int step,
    String stepName,
    long users,
    double conversionFromFirst,
    double conversionFromPrevious,
    long dropOff,
    Double avgSeconds,
    Double medianSeconds,
    double revenue,
    Double spend,
    Double costPerAcquisition,
    Double roi,
    Double roas)
    implements Serializable {

  /** A row without costs. */
  public FunnelRow(String breakdown, int step, String stepName, long users, double conversionFromFirst,
      double conversionFromPrevious, long dropOff, Double avgSeconds, Double medianSeconds, double revenue) {
    this(breakdown, step, stepName, users, conversionFromFirst, conversionFromPrevious, dropOff, avgSeconds,
        medianSeconds, revenue, null, null, null, null);
  }

  /** The same row with these returns on spend. */
  public FunnelRow withReturns(CampaignReturns returns) {
    return new FunnelRow(breakdown, step, stepName, users, conversionFromFirst, conversionFromPrevious, dropOff,
        avgSeconds, medianSeconds, revenue, returns.spend(), returns.costPerAcquisition(), returns.roi(),
        returns.roas());
  }
}
