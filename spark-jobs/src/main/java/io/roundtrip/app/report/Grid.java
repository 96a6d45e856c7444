package io.roundtrip.app.report;

import io.roundtrip.app.report.chart.Series;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Values by category and series, from rows that have one of each: what a grouped bar chart draws. */
final class Grid {

  private final Set<String> categories = new LinkedHashSet<>();
  private final Set<String> series = new LinkedHashSet<>();
  private final Map<List<String>, Double> values = new HashMap<>();

  void put(String category, String seriesName, double value) {
    categories.add(category);
    series.add(seriesName);
    values.merge(List.of(category, seriesName), value, Double::sum);
  }

  double get(String category, String seriesName) {
    return values.getOrDefault(List.of(category, seriesName), 0.0);
  }

  List<String> categories() {
    return List.copyOf(categories);
  }

  Set<String> seriesNames() {
    return series;
  }

  /** One series per name, a value for every category (0 where a row was missing). */
  List<Series> series() {
    List<Series> all = new ArrayList<>();
    for (String name : series) {
      all.add(new Series(name, categories.stream().map(c -> get(c, name)).toList()));
    }
    return all;
  }
}
