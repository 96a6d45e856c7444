package io.roundtrip.models.costs;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaign costs as read from their file or table, each line checked (see {@link CostRows}).
 *
 * @param origin where they came from, for messages (a file name or a table)
 * @param lines one per campaign, source, medium and day
 */
public record CampaignCosts(String origin, List<CampaignCost> lines) implements Serializable {

  public CampaignCosts {
    lines = List.copyOf(lines);
  }

  /**
   * Total spend per value of the given fields, over every day: with {@code [CAMPAIGN, MEDIUM]} the
   * key of "spring / google / cpc" lines is {@code [spring, cpc]}; with no fields there is one key,
   * the empty list, holding everything. Summed as decimals, so 0.1 + 0.2 is 0.3.
   */
  public Map<List<String>, Double> spendBy(List<CampaignColumn> fields) {
    Map<List<String>, BigDecimal> sums = new LinkedHashMap<>();
    for (CampaignCost line : lines) {
      List<String> key = new ArrayList<>(fields.size());
      for (CampaignColumn field : fields) {
        key.add(line.value(field));
      }
      sums.merge(List.copyOf(key), BigDecimal.valueOf(line.spend()), BigDecimal::add);
    }
    Map<List<String>, Double> out = new LinkedHashMap<>();
    sums.forEach((key, sum) -> out.put(key, sum.doubleValue()));
    return out;
  }
}
