package io.roundtrip.models.funnels;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up people's {@link PersonFunnel} results into report rows, one per breakdown value and
 * step.
 *
 * <p>It is an accumulator: {@link #add} changes this report, {@link #merge} makes a new one from
 * two without changing them, and merging is associative and commutative, so partial reports
 * built on separate tasks or partitions combine in any order. It keeps every step time (a median
 * needs them all), so its size grows with the number of people. Not thread-safe.
 *
 * <p>People who never reached step 1 are not in the funnel and add nothing.
 */
public final class FunnelReport implements Serializable {

  private final List<String> stepNames;
  /** Sorted by breakdown value, which is the order rows come out in. */
  private final TreeMap<String, Tally> tallies = new TreeMap<>();

  /** An empty report for a funnel with these step labels. */
  public FunnelReport(List<String> stepNames) {
    this.stepNames = List.copyOf(stepNames);
    if (this.stepNames.size() < 2) {
      throw new IllegalArgumentException("a funnel report needs at least 2 steps");
    }
  }

  /** An empty report for this funnel. */
  public FunnelReport(FunnelDefinition definition) {
    this(definition.stepNames());
  }

  /** The report of these people's results. */
  public static FunnelReport of(FunnelDefinition definition, Collection<PersonFunnel> people) {
    FunnelReport report = new FunnelReport(definition);
    people.forEach(report::add);
    return report;
  }

  public List<String> stepNames() {
    return stepNames;
  }

  /** Counts one person in; returns this report. */
  public FunnelReport add(PersonFunnel person) {
    int reached = person.furthestStep();
    if (reached > stepNames.size()) {
      throw new IllegalArgumentException("a person reached step " + reached
          + " of a funnel with " + stepNames.size() + " steps");
    }
    if (reached == 0) {
      return this;
    }
    Tally tally = tallies.computeIfAbsent(person.breakdownKey(), k -> new Tally(stepNames.size()));
    for (int step = 1; step <= reached; step++) {
      tally.users[step - 1]++;
      if (step >= 2) {
        tally.seconds.get(step - 1).add(person.timeFromPrevious(step).toNanos() / 1e9);
      }
    }
    if (reached == stepNames.size()) {
      tally.revenue += person.revenue();
    }
    return this;
  }

  /** A new report counting the people of both; neither input changes. */
  public FunnelReport merge(FunnelReport other) {
    if (!stepNames.equals(other.stepNames)) {
      throw new IllegalArgumentException(
          "cannot merge reports of different funnels: " + stepNames + " and " + other.stepNames);
    }
    FunnelReport merged = new FunnelReport(stepNames);
    for (FunnelReport part : List.of(this, other)) {
      part.tallies.forEach((key, tally) -> merged.tallies
          .computeIfAbsent(key, k -> new Tally(stepNames.size()))
          .addAll(tally));
    }
    return merged;
  }

  /** The rows, ordered by breakdown value then step. */
  public List<FunnelRow> rows() {
    List<FunnelRow> rows = new ArrayList<>();
    for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
      Tally t = entry.getValue();
      long first = t.users[0];
      for (int i = 0; i < stepNames.size(); i++) {
        long users = t.users[i];
        long previous = i == 0 ? users : t.users[i - 1];
        List<Double> seconds = t.seconds.get(i);
        boolean last = i == stepNames.size() - 1;
        rows.add(new FunnelRow(
            entry.getKey(),
            i + 1,
            stepNames.get(i),
            users,
            ratio(users, first),
            i == 0 ? 1.0 : ratio(users, previous),
            previous - users,
            i == 0 ? null : mean(seconds),
            i == 0 ? null : median(seconds),
            last ? t.revenue : 0));
      }
    }
    return rows;
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static Double mean(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  private static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The counts of one breakdown value. */
  private static final class Tally implements Serializable {
    final long[] users;
    /** Per step (index 0 unused): seconds from the previous step, one entry per person. */
    final List<List<Double>> seconds;
    double revenue;

    Tally(int steps) {
      users = new long[steps];
      seconds = new ArrayList<>(steps);
      for (int i = 0; i < steps; i++) {
        seconds.add(new ArrayList<>());
      }
    }

    void addAll(Tally other) {
      for (int i = 0; i < users.length; i++) {
        users[i] += other.users[i];
        seconds.get(i).addAll(other.seconds.get(i));
      }
      revenue += other.revenue;
    }
  }
}
