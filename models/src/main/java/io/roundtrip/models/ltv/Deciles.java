package io.roundtrip.models.ltv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits customers into ten groups by CLV: decile 1 holds the highest tenth. Group sizes differ
 * by at most one (the first n mod 10 groups get the extra customers), like SQL's NTILE(10) over
 * CLV descending. Equal CLVs are ordered by customer id so the split is reproducible; customers
 * with equal CLV can therefore land in neighbouring deciles.
 */
public final class Deciles {

  private Deciles() {}

  /** The customers with deciles set, in the order given. */
  public static List<CustomerValue> assign(List<CustomerValue> customers) {
    int n = customers.size();
    List<Integer> byClv = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byClv.add(i);
    }
    byClv.sort(Comparator.<Integer>comparingDouble(i -> customers.get(i).clv()).reversed()
        .thenComparing(i -> customers.get(i).customerId()));
    CustomerValue[] out = new CustomerValue[n];
    for (int rank = 0; rank < n; rank++) {
      int i = byClv.get(rank);
      out[i] = customers.get(i).withDecile(ntile(rank, n, 10));
    }
    return List.of(out);
  }

  /** NTILE semantics: the first n % k tiles have n / k + 1 members, the rest n / k. */
  static int ntile(int index, int n, int k) {
    int small = n / k;
    int large = small + 1;
    int inLarge = (n % k) * large;
    return index < inLarge ? index / large + 1 : (n % k) + (index - inLarge) / small + 1;
  }
}
