package io.roundtrip.models.events;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What is left of an order after its refunds and cancellations: Segment's e-commerce spec sends
 * {@code Order Refunded} and {@code Order Cancelled} with the {@code order_id} of the {@code Order
 * Completed} they undo.
 *
 * <ul>
 *   <li>One that names an amount takes that much off: its {@code revenue}, {@code total} or {@code
 *       value} (the property the order's own value was read from when it has it, so like is taken
 *       from like; else the first of the value columns, then {@code value}). A negative amount
 *       counts as its size: some trackers send refunds as negative revenue.
 *   <li>One that names products but no amount takes their worth off: price times quantity
 *       (quantity 1 when not given), the price from the refund's product or else from the order's
 *       product of the same {@code product_id} (or {@code sku}). A product priced nowhere takes
 *       nothing off. This is the partial refund of Segment's Google Analytics destination, which
 *       names the products and quantities refunded.
 *   <li>One that names neither undoes the whole order: the full refund of that page.
 *   <li>An {@code Order Cancelled} always undoes the whole order, whatever amounts it names: the
 *       spec has it repeat the order's own properties, and an order is cancelled as a whole.
 * </ul>
 *
 * <p>Partial refunds add up, and never take an order below zero; one whose refunds reach its value
 * is fully refunded, as is one with a full refund or cancellation. A fully refunded order is worth
 * nothing and is no purchase to the lifetime-value model. Refunds whose {@code order_id} no order
 * of the source has change nothing (the warehouse never counted that order's value either).
 */
public final class OrderRefunds {

  /** On by default: the two events of Segment's e-commerce spec that take an order's value back. */
  public static final List<String> DEFAULT_EVENTS = List.of("Order Refunded", "Order Cancelled");

  /** The spec's cancellation: it undoes the whole order, whatever it names. */
  public static final String CANCELLED = "Order Cancelled";

  /** Segment's generic money property, read after the value columns. */
  public static final String VALUE = "value";

  private OrderRefunds() {}

  /**
   * A product line of an order or a refund; any field may be null.
   *
   * @param productId {@code product_id} (or the v1 spec's {@code id})
   * @param price unit price
   */
  public record Line(String productId, String sku, Double price, Double quantity) implements Serializable {}

  /**
   * One refund or cancellation event.
   *
   * @param cancellation whether it is an {@link #CANCELLED}, which undoes the whole order
   * @param amounts its money properties that have a value ({@code revenue}, {@code total}, {@code
   *     value}), by name
   * @param products the product lines it names, possibly none
   */
  public record Refund(boolean cancellation, Map<String, Double> amounts, List<Line> products)
      implements Serializable {
    public Refund {
      amounts = amounts == null ? Map.of() : amounts;
      products = products == null ? List.of() : List.copyOf(products);
    }
  }

  /**
   * An order as the models value it.
   *
   * @param value what its value columns say, 0 when none has a value
   * @param valueColumn the column the value came from, or null
   * @param products its product lines, possibly none
   */
  public record Order(double value, String valueColumn, List<Line> products) implements Serializable {
    public Order {
      products = products == null ? List.of() : List.copyOf(products);
    }
  }

  /**
   * @param value what is left of the order's value
   * @param fullyRefunded whether nothing is left of the order: a full refund or cancellation, or
   *     partial refunds that reach its value
   */
  public record Outcome(double value, boolean fullyRefunded) implements Serializable {}

  /**
   * @param amountColumns the refund properties an amount is read from, in order (the purchase's
   *     value columns, then {@link #VALUE})
   */
  public static Outcome apply(Order order, List<Refund> refunds, List<String> amountColumns) {
    if (refunds == null || refunds.isEmpty()) {
      return new Outcome(order.value(), false);
    }
    BigDecimal refunded = BigDecimal.ZERO;
    for (Refund refund : refunds) {
      if (refund.cancellation()) {
        return new Outcome(0, true);
      }
      Double amount = amount(refund, order.valueColumn(), amountColumns);
      if (amount != null) {
        refunded = refunded.add(BigDecimal.valueOf(Math.abs(amount)));
      } else if (!refund.products().isEmpty()) {
        refunded = refunded.add(worth(refund.products(), order.products()));
      } else {
        return new Outcome(0, true);
      }
    }
    BigDecimal value = BigDecimal.valueOf(order.value());
    if (value.signum() <= 0) {
      return new Outcome(order.value(), false); // nothing to take back from
    }
    BigDecimal left = value.subtract(refunded.min(value));
    return new Outcome(left.doubleValue(), left.signum() == 0);
  }

  /** The amount a refund names, compared like with like where it can be. */
  static Double amount(Refund refund, String valueColumn, List<String> amountColumns) {
    if (valueColumn != null && refund.amounts().get(valueColumn) != null) {
      return refund.amounts().get(valueColumn);
    }
    for (String column : amountColumns) {
      Double amount = refund.amounts().get(column);
      if (amount != null) {
        return amount;
      }
    }
    return null;
  }

  /** Price times quantity of the refunded lines, priced from the order where the refund has no price. */
  static BigDecimal worth(List<Line> refunded, List<Line> ordered) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Line line : refunded) {
      Double price = line.price() != null ? line.price() : priceInOrder(line, ordered);
      if (price == null) {
        continue;
      }
      double quantity = line.quantity() == null ? 1 : line.quantity();
      sum = sum.add(BigDecimal.valueOf(Math.abs(price)).multiply(BigDecimal.valueOf(Math.abs(quantity))));
    }
    return sum;
  }

  /** The price of the order's line with the same product id, else with the same sku. */
  private static Double priceInOrder(Line line, List<Line> ordered) {
    if (line.productId() != null) {
      for (Line o : ordered) {
        if (line.productId().equals(o.productId()) && o.price() != null) {
          return o.price();
        }
      }
    }
    if (line.sku() != null) {
      for (Line o : ordered) {
        if (line.sku().equals(o.sku()) && o.price() != null) {
          return o.price();
        }
      }
    }
    return null;
  }
}
