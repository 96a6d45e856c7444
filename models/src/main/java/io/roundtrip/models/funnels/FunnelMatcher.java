package io.roundtrip.models.funnels;

import io.roundtrip.models.events.TouchEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds how far one person got through a funnel.
 *
 * <p>Every occurrence of step 1 starts an attempt. An attempt takes, for each next step, the
 * earliest matching event after the previous step's event and no later than step 1's time plus
 * the window (inclusive); in a {@link OrderType#STRICT} funnel that must be the very next event
 * of the person, else the attempt stops. The person counts by the attempt that got furthest, the
 * earliest one on ties. "After" is by position in the list, so events with equal timestamps
 * keep the order the caller sorted them in, and one event never fills two steps.
 */
public final class FunnelMatcher {

  private FunnelMatcher() {}

  /**
   * @param events the events of one person, sorted by time
   * @throws IllegalArgumentException when the events are not sorted by time
   */
  public static PersonFunnel match(FunnelDefinition definition, List<TouchEvent> events) {
    TouchEvent.requireSorted(events);
    List<FunnelStep> steps = definition.steps();
    int n = events.size();
    int[][] next = nextOccurrences(steps, events);

    int[] best = new int[0];
    for (int start = next[0][0]; start < n; start = next[0][start + 1]) {
      int[] attempt = attempt(definition, events, next, start);
      if (attempt.length > best.length) {
        best = attempt;
        if (best.length == steps.size()) {
          break; // nobody gets further, and later attempts lose ties
        }
      }
    }

    List<Instant> times = new ArrayList<>(best.length);
    for (int i : best) {
      times.add(events.get(i).timestamp());
    }
    double revenue = best.length == steps.size() ? events.get(best[best.length - 1]).revenue() : 0;
    // Without an attempt there is no "up to": take the person's whole history.
    int lastIndex = best.length == 0 ? n - 1 : best[best.length - 1];
    return new PersonFunnel(
        best.length, times, revenue, firstTouch(definition.breakdown(), events, lastIndex));
  }

  /** Event indexes of the steps one attempt reaches, starting at step 1's event {@code start}. */
  private static int[] attempt(
      FunnelDefinition definition, List<TouchEvent> events, int[][] next, int start) {
    int stepCount = definition.steps().size();
    Instant deadline = events.get(start).timestamp().plus(definition.window());
    int[] reached = new int[stepCount];
    reached[0] = start;
    int count = 1;
    while (count < stepCount) {
      int previous = reached[count - 1];
      int candidate = definition.order() == OrderType.STRICT
          ? (next[count][previous + 1] == previous + 1 ? previous + 1 : events.size())
          : next[count][previous + 1];
      if (candidate >= events.size() || events.get(candidate).timestamp().isAfter(deadline)) {
        break;
      }
      reached[count++] = candidate;
    }
    return Arrays.copyOf(reached, count);
  }

  /**
   * {@code next[s][i]} = the first index at or after {@code i} whose event matches step
   * {@code s}, or {@code events.size()}; one pass per step, so each attempt costs only O(steps)
   * and a person with many step-1 events does not make the match quadratic.
   */
  private static int[][] nextOccurrences(List<FunnelStep> steps, List<TouchEvent> events) {
    int n = events.size();
    int[][] next = new int[steps.size()][n + 2];
    for (int s = 0; s < steps.size(); s++) {
      next[s][n] = n;
      next[s][n + 1] = n;
      for (int i = n - 1; i >= 0; i--) {
        next[s][i] = steps.get(s).matches(events.get(i)) ? i : next[s][i + 1];
      }
    }
    return next;
  }

  /** The earliest non-blank value of each property over events {@code [0, lastIndex]}. */
  private static List<String> firstTouch(
      List<String> properties, List<TouchEvent> events, int lastIndex) {
    List<String> values = new ArrayList<>(properties.size());
    for (String property : properties) {
      String found = PersonFunnel.NONE;
      for (int i = 0; i <= lastIndex; i++) {
        String value = events.get(i).property(property);
        // Blank counts as missing: trackers send "" for an unset UTM parameter.
        if (value != null && !value.isBlank()) {
          found = value;
          break;
        }
      }
      values.add(found);
    }
    return values;
  }
}
