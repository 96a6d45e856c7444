package io.roundtrip.app.report.chart;

import java.util.List;

/**
 * One named row of values, one per category of its chart.
 *
 * @param labels text shown with each value (e.g. "154 · 79%"), or null to show the value itself
 */
public record Series(String name, List<Double> values, List<String> labels) {

  public Series {
    values = List.copyOf(values);
    labels = labels == null ? null : List.copyOf(labels);
    if (labels != null && labels.size() != values.size()) {
      throw new IllegalArgumentException("series " + name + ": " + labels.size() + " labels for " + values.size()
          + " values");
    }
  }

  public Series(String name, List<Double> values) {
    this(name, values, null);
  }

  String label(int i, Unit unit) {
    return labels == null ? unit.format(values.get(i)) : labels.get(i);
  }
}
