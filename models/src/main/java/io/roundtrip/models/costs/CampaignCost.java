package io.roundtrip.models.costs;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What was spent on one campaign, through one source and medium, on one day: a line of the costs
 * that Segment's ROI guide adds to the funnel ("add campaign costs": media spend and the
 * person-hours of running the campaign).
 *
 * @param spend the amount, in the purchases' currency; zero or more
 */
public record CampaignCost(String campaign, String source, String medium, LocalDate day, double spend)
    implements Serializable {

  /** The value of one of its campaign fields. */
  public String value(CampaignColumn column) {
    return switch (column) {
      case CAMPAIGN -> campaign;
      case SOURCE -> source;
      case MEDIUM -> medium;
    };
  }
}
