package io.roundtrip.models.costs;

import java.util.Arrays;
import java.util.Optional;

/**
 * The campaign fields spend is recorded by, and the event columns that carry them: Segment puts a
 * page's UTM parameters in {@code context.campaign}, which the warehouse flattens to
 * {@code context_campaign_name}, {@code _source} and {@code _medium}.
 */
public enum CampaignColumn {
  CAMPAIGN("campaign", "context_campaign_name"),
  SOURCE("source", "context_campaign_source"),
  MEDIUM("medium", "context_campaign_medium");

  private final String costsColumn;
  private final String eventColumn;

  CampaignColumn(String costsColumn, String eventColumn) {
    this.costsColumn = costsColumn;
    this.eventColumn = eventColumn;
  }

  /** Its column in a costs file or table. */
  public String costsColumn() {
    return costsColumn;
  }

  /** Its column in the event tables (a funnel's breakdown names these). */
  public String eventColumn() {
    return eventColumn;
  }

  /** The campaign field an event column carries, if it carries one. */
  public static Optional<CampaignColumn> ofEventColumn(String column) {
    return Arrays.stream(values()).filter(c -> c.eventColumn.equals(column)).findFirst();
  }
}
