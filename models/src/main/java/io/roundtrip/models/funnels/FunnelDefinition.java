package io.roundtrip.models.funnels;

import io.roundtrip.models.costs.CampaignColumn;
import io.roundtrip.models.costs.CostsSource;
import io.roundtrip.models.events.OrderRefunds;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A funnel: ordered steps a person must take within a window after the first one.
 *
 * @param name the funnel's name
 * @param steps two or more steps, in order
 * @param window how long after step 1 the later steps may happen, inclusive (a step exactly
 *     {@code window} after step 1 counts); null means {@link #DEFAULT_WINDOW}
 * @param order whether other events may come between steps; null means {@link
 *     OrderType#SEQUENTIAL}
 * @param breakdown property names to split the report by (first-touch values), possibly empty
 * @param costs the campaign costs to set against the funnel's revenue, or null; they are matched
 *     on the breakdown, so every breakdown property must be a campaign column ({@link
 *     CampaignColumn})
 * @param refundEvents the events that take back some or all of the last step's revenue, by its
 *     {@code order_id} (see {@link OrderRefunds}); null for {@link OrderRefunds#DEFAULT_EVENTS}
 */
public record FunnelDefinition(
    String name, List<FunnelStep> steps, Duration window, OrderType order, List<String> breakdown,
    CostsSource costs, List<String> refundEvents)
    implements Serializable {

  public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);

  public FunnelDefinition {
    Objects.requireNonNull(name, "name");
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    if (steps.size() < 2) {
      throw new IllegalArgumentException(
          "funnel '" + name + "' needs at least 2 steps, has " + steps.size());
    }
    window = window == null ? DEFAULT_WINDOW : window;
    if (window.isNegative()) {
      throw new IllegalArgumentException("funnel '" + name + "' has a negative window " + window);
    }
    order = order == null ? OrderType.SEQUENTIAL : order;
    breakdown = breakdown == null ? List.of() : List.copyOf(breakdown);
    refundEvents = refundEvents == null ? OrderRefunds.DEFAULT_EVENTS : List.copyOf(refundEvents);
    if (costs != null) {
      for (String property : breakdown) {
        if (CampaignColumn.ofEventColumn(property).isEmpty()) {
          throw new IllegalArgumentException("funnel '" + name + "' breaks down by " + property
              + ", which campaign costs cannot be matched on: with costs, break down by "
              + Arrays.stream(CampaignColumn.values()).map(CampaignColumn::eventColumn).collect(Collectors.joining(", "))
              + " (the costs' campaign, source and medium)");
        }
      }
    }
  }

  /** Without costs, with the default refund events. */
  public FunnelDefinition(
      String name, List<FunnelStep> steps, Duration window, OrderType order, List<String> breakdown) {
    this(name, steps, window, order, breakdown, null, null);
  }

  /** A sequential funnel with the default 14-day window and no breakdown. */
  public FunnelDefinition(String name, List<FunnelStep> steps) {
    this(name, steps, null, null, null);
  }

  /**
   * Segment's ROI guide campaign funnel: Store Visited (a page whose path starts with
   * {@code /store}) then Product Viewed then Order Completed, within 14 days, sequential, broken
   * down by the campaign name and medium that first brought the person.
   */
  public static FunnelDefinition campaignFunnel() {
    return new FunnelDefinition(
        "campaign",
        List.of(
            FunnelStep.page(FunnelStep.Field.PATH, FunnelStep.Match.PREFIX, "/store")
                .named("Store Visited"),
            FunnelStep.track("Product Viewed"),
            FunnelStep.track("Order Completed")),
        DEFAULT_WINDOW,
        OrderType.SEQUENTIAL,
        List.of("context_campaign_name", "context_campaign_medium"));
  }

  public FunnelDefinition withWindow(Duration newWindow) {
    return new FunnelDefinition(name, steps, newWindow, order, breakdown, costs, refundEvents);
  }

  public FunnelDefinition withOrder(OrderType newOrder) {
    return new FunnelDefinition(name, steps, window, newOrder, breakdown, costs, refundEvents);
  }

  public FunnelDefinition withBreakdown(List<String> properties) {
    return new FunnelDefinition(name, steps, window, order, properties, costs, refundEvents);
  }

  public FunnelDefinition withCosts(CostsSource newCosts) {
    return new FunnelDefinition(name, steps, window, order, breakdown, newCosts, refundEvents);
  }

  public FunnelDefinition withRefundEvents(List<String> events) {
    return new FunnelDefinition(name, steps, window, order, breakdown, costs, events);
  }

  /** The campaign fields its breakdown names, in breakdown order (costs are summed by these). */
  public List<CampaignColumn> campaignBreakdown() {
    return breakdown.stream().map(CampaignColumn::ofEventColumn).flatMap(java.util.Optional::stream).toList();
  }

  /** The step labels, in order. */
  public List<String> stepNames() {
    return steps.stream().map(FunnelStep::label).toList();
  }
}
