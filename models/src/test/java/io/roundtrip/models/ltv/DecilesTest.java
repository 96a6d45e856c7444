package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DecilesTest {

  @Test
  void groupSizesDifferByAtMostOneAndLargerGroupsComeFirst() {
    for (int n = 1; n <= 45; n++) {
      int[] sizes = new int[11];
      int previous = 1;
      for (int i = 0; i < n; i++) {
        int decile = Deciles.ntile(i, n, 10);
        assertThat(decile).isBetween(previous, 10);
        previous = decile;
        sizes[decile]++;
      }
      int used = Math.min(n, 10);
      for (int d = 1; d <= used; d++) {
        assertThat(sizes[d]).as("n=%d decile %d", n, d).isBetween(n / 10, n / 10 + 1);
        if (d > 1) {
          assertThat(sizes[d]).isLessThanOrEqualTo(sizes[d - 1]);
        }
      }
    }
  }

  @Test
  void topDecileHoldsTheHighestClvAndTiesAreBrokenByCustomerId() {
    List<CustomerValue> customers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      customers.add(new CustomerValue("c" + (char) ('a' + i), 1, 1, 2, 0.5, 1, 10, i % 10, 0));
    }

    List<CustomerValue> ranked = Deciles.assign(customers);
    Map<Integer, List<String>> ids = ranked.stream().collect(Collectors.groupingBy(
        CustomerValue::decile, Collectors.mapping(CustomerValue::customerId, Collectors.toList())));

    assertThat(ranked).extracting(CustomerValue::customerId)
        .containsExactlyElementsOf(customers.stream().map(CustomerValue::customerId).toList());
    assertThat(ids.get(1)).containsExactlyInAnyOrder("cj", "ct"); // clv 9
    assertThat(ids.get(10)).containsExactlyInAnyOrder("ca", "ck"); // clv 0
  }
}
