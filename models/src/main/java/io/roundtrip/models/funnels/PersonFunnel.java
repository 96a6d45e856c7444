package io.roundtrip.models.funnels;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How far one person got in a funnel, by their furthest attempt.
 *
 * @param furthestStep 1-based step reached; 0 when step 1 never happened
 * @param stepTimes when each reached step happened in that attempt ({@code furthestStep} entries)
 * @param revenue the revenue of the funnel's last step event when the person completed the
 *     funnel; 0 otherwise
 * @param breakdown first-touch value of each breakdown property, in the definition's order;
 *     {@value #NONE} where the property never had a value
 */
public record PersonFunnel(
    int furthestStep, List<Instant> stepTimes, double revenue, List<String> breakdown)
    implements Serializable {

  /** The breakdown value of a property that had no value. */
  public static final String NONE = "(none)";

  /** Joins the values of several breakdown properties into one report key. */
  public static final String BREAKDOWN_SEPARATOR = " / ";

  public PersonFunnel {
    stepTimes = List.copyOf(Objects.requireNonNull(stepTimes, "stepTimes"));
    breakdown = List.copyOf(Objects.requireNonNull(breakdown, "breakdown"));
    if (furthestStep != stepTimes.size()) {
      throw new IllegalArgumentException(
          "furthest step " + furthestStep + " but " + stepTimes.size() + " step times");
    }
  }

  /** The report row key: breakdown values joined with " / ", "" without a breakdown. */
  public String breakdownKey() {
    return String.join(BREAKDOWN_SEPARATOR, breakdown);
  }

  /** Whether the person reached this 1-based step. */
  public boolean reached(int step) {
    return furthestStep >= step;
  }

  /** Time from the previous step to this 1-based step (2 or more, reached). */
  public Duration timeFromPrevious(int step) {
    if (step < 2 || step > furthestStep) {
      throw new IllegalArgumentException("step " + step + " has no time from a previous step");
    }
    return Duration.between(stepTimes.get(step - 2), stepTimes.get(step - 1));
  }
}
