package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.ModelContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What LTV's monetary and frequency input is once refunds and cancellations are taken off. */
class LtvJobRefundsTest {

  @TempDir
  Path tmp;

  WarehouseFixture wh;
  ModelContext context;

  static String track(String id, String user, String event, String at, String properties) {
    return "{\"type\":\"track\",\"event\":\"" + event + "\",\"messageId\":\"" + id + "\",\"userId\":\"" + user
        + "\",\"timestamp\":\"" + at + "\",\"receivedAt\":\"" + at + "\",\"properties\":" + properties + "}";
  }

  @BeforeEach
  void load() {
    wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        // u1: 100, then 40 of it refunded two days later: 60 on the day of the order
        track("m1", "u1", "Order Completed", "2026-01-01T10:00:00Z", "{\"order_id\":\"o1\",\"revenue\":100}"),
        track("m2", "u1", "Order Refunded", "2026-01-03T10:00:00Z", "{\"order_id\":\"o1\",\"revenue\":40}"),
        // u1: 50, cancelled: no purchase that day
        track("m3", "u1", "Order Completed", "2026-01-10T10:00:00Z", "{\"order_id\":\"o2\",\"revenue\":50}"),
        track("m4", "u1", "Order Cancelled", "2026-01-10T11:00:00Z", "{\"order_id\":\"o2\",\"revenue\":50}"),
        // u2: 30 (its total), refunded naming no amount: a full refund, no purchase
        track("m5", "u2", "Order Completed", "2026-01-05T10:00:00Z", "{\"order_id\":\"o3\",\"total\":30}"),
        track("m6", "u2", "Order Refunded", "2026-01-08T10:00:00Z", "{\"order_id\":\"o3\"}"),
        // u2: 20 for four of p1 at 5; one p1 refunded, priced by the order: 20 - 5 = 15
        track("m7", "u2", "Order Completed", "2026-01-06T10:00:00Z",
            "{\"order_id\":\"o4\",\"revenue\":20,\"products\":[{\"product_id\":\"p1\",\"price\":5,\"quantity\":4}]}"),
        track("m8", "u2", "Order Refunded", "2026-01-09T10:00:00Z",
            "{\"order_id\":\"o4\",\"products\":[{\"product_id\":\"p1\",\"quantity\":1}]}"),
        // u3: a refund of an order the warehouse does not have changes nothing; 25 stays 25
        track("m9", "u3", "Order Refunded", "2026-01-02T10:00:00Z", "{\"order_id\":\"o99\",\"revenue\":10}"),
        track("m10", "u3", "Order Completed", "2026-01-07T10:00:00Z", "{\"order_id\":\"o5\",\"revenue\":25}"));
    wh.load("web");
    context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
  }

  static List<Transaction> sorted(List<Transaction> transactions) {
    return transactions.stream().sorted(Comparator.comparing(Transaction::customerId)
        .thenComparing(Transaction::date)).toList();
  }

  @Test
  void refundsReduceTheOrdersValueAndFullyRefundedOrCancelledOrdersAreNoPurchases() {
    List<Transaction> purchases = new LtvJob(context, LtvJob.Options.defaults()).purchases();

    assertThat(sorted(purchases)).containsExactly(
        new Transaction("u1", LocalDate.parse("2026-01-01"), 60),
        new Transaction("u2", LocalDate.parse("2026-01-06"), 15),
        new Transaction("u3", LocalDate.parse("2026-01-07"), 25));
  }

  @Test
  void withNoRefundEventsEveryOrderCountsAtItsValue() {
    LtvJob.Options defaults = LtvJob.Options.defaults();
    LtvJob.Options none = new LtvJob.Options(defaults.purchaseEvent(), defaults.valueColumns(), null,
        defaults.model(), List.of());

    assertThat(sorted(new LtvJob(context, none).purchases())).containsExactly(
        new Transaction("u1", LocalDate.parse("2026-01-01"), 100),
        new Transaction("u1", LocalDate.parse("2026-01-10"), 50),
        new Transaction("u2", LocalDate.parse("2026-01-05"), 30),
        new Transaction("u2", LocalDate.parse("2026-01-06"), 20),
        new Transaction("u3", LocalDate.parse("2026-01-07"), 25));
  }

  @Test
  void onlyTheConfiguredRefundEventsCount() {
    LtvJob.Options defaults = LtvJob.Options.defaults();
    LtvJob.Options refundsOnly = new LtvJob.Options(defaults.purchaseEvent(), defaults.valueColumns(), null,
        defaults.model(), List.of("Order Refunded"));

    // the cancellation of o2 no longer counts: u1 keeps 50 on 01-10
    assertThat(sorted(new LtvJob(context, refundsOnly).purchases())).containsExactly(
        new Transaction("u1", LocalDate.parse("2026-01-01"), 60),
        new Transaction("u1", LocalDate.parse("2026-01-10"), 50),
        new Transaction("u2", LocalDate.parse("2026-01-06"), 15),
        new Transaction("u3", LocalDate.parse("2026-01-07"), 25));
  }
}
