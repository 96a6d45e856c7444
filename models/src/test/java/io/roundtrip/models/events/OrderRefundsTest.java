package io.roundtrip.models.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.models.events.OrderRefunds.Line;
import io.roundtrip.models.events.OrderRefunds.Order;
import io.roundtrip.models.events.OrderRefunds.Outcome;
import io.roundtrip.models.events.OrderRefunds.Refund;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of what a refund or cancellation leaves of an order, worked out by hand. */
class OrderRefundsTest {

  static final List<String> COLUMNS = List.of("revenue", "total", "value");

  static Refund amount(String column, double value) {
    return new Refund(false, Map.of(column, value), List.of());
  }

  static Refund products(Line... lines) {
    return new Refund(false, Map.of(), List.of(lines));
  }

  static final Refund FULL = new Refund(false, Map.of(), List.of());

  @Test
  void anOrderWithoutRefundsKeepsItsValue() {
    assertThat(OrderRefunds.apply(new Order(80, "revenue", List.of()), List.of(), COLUMNS))
        .isEqualTo(new Outcome(80, false));
  }

  @Test
  void aRefundNamingNoAmountOrProductsUndoesTheWholeOrder() {
    assertThat(OrderRefunds.apply(new Order(80, "revenue", List.of()), List.of(FULL), COLUMNS))
        .isEqualTo(new Outcome(0, true));
  }

  @Test
  void aPartialRefundTakesItsRevenueOff() {
    // 80 - 30 = 50
    assertThat(OrderRefunds.apply(new Order(80, "revenue", List.of()), List.of(amount("revenue", 30)), COLUMNS))
        .isEqualTo(new Outcome(50, false));
  }

  @Test
  void partialRefundsAddUpAndReachingTheValueIsAFullRefund() {
    Order order = new Order(80, "revenue", List.of());
    // 80 - 30 - 20 = 30
    assertThat(OrderRefunds.apply(order, List.of(amount("revenue", 30), amount("total", 20)), COLUMNS))
        .isEqualTo(new Outcome(30, false));
    // 80 - 50 - 30 = 0: nothing left
    assertThat(OrderRefunds.apply(order, List.of(amount("revenue", 50), amount("value", 30)), COLUMNS))
        .isEqualTo(new Outcome(0, true));
  }

  @Test
  void refundsNeverTakeAnOrderBelowZero() {
    assertThat(OrderRefunds.apply(new Order(80, "revenue", List.of()), List.of(amount("revenue", 100)), COLUMNS))
        .isEqualTo(new Outcome(0, true));
  }

  @Test
  void aNegativeAmountCountsAsItsSize() {
    assertThat(OrderRefunds.apply(new Order(80, "revenue", List.of()), List.of(amount("revenue", -30)), COLUMNS))
        .isEqualTo(new Outcome(50, false));
  }

  @Test
  void theAmountIsTakenFromTheColumnTheOrderWasValuedByWhenTheRefundHasIt() {
    // the order's value came from total (100); the refund names revenue 40 and total 45: 100 - 45
    Refund both = new Refund(false, Map.of("revenue", 40.0, "total", 45.0), List.of());
    assertThat(OrderRefunds.apply(new Order(100, "total", List.of()), List.of(both), COLUMNS))
        .isEqualTo(new Outcome(55, false));
    // valued by revenue: 100 - 40
    assertThat(OrderRefunds.apply(new Order(100, "revenue", List.of()), List.of(both), COLUMNS))
        .isEqualTo(new Outcome(60, false));
  }

  @Test
  void aRefundOfProductsTakesPriceTimesQuantityPricedFromTheOrderWhenItHasNoPrice() {
    Order order = new Order(70, "revenue", List.of(
        new Line("p1", "SKU-1", 10.0, 3.0), new Line("p2", "SKU-2", 20.0, 2.0)));
    // two of p1 priced by the order (2 x 10) and one of SKU-2 at its own price 18: 70 - 20 - 18 = 32
    Refund refund = products(new Line("p1", null, null, 2.0), new Line(null, "SKU-2", 18.0, null));
    assertThat(OrderRefunds.apply(order, List.of(refund), COLUMNS)).isEqualTo(new Outcome(32, false));
    // a product the order does not have and the refund does not price takes nothing off
    assertThat(OrderRefunds.apply(order, List.of(products(new Line("p9", null, null, 1.0))), COLUMNS))
        .isEqualTo(new Outcome(70, false));
  }

  @Test
  void aCancellationUndoesTheWholeOrderEvenWhenItRepeatsAnAmount() {
    // Order Cancelled repeats the order's properties; 25 is not what is taken off, the order is gone
    Refund cancelled = new Refund(true, Map.of("revenue", 25.0), List.of());
    assertThat(OrderRefunds.apply(new Order(80, "revenue", List.of()), List.of(cancelled), COLUMNS))
        .isEqualTo(new Outcome(0, true));
  }

  @Test
  void anOrderWithoutValueIsStillAPurchaseAfterAPartialRefund() {
    assertThat(OrderRefunds.apply(new Order(0, null, List.of()), List.of(amount("revenue", 5)), COLUMNS))
        .isEqualTo(new Outcome(0, false));
  }
}
