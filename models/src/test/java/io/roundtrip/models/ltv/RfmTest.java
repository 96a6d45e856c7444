package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RfmTest {

  private static final List<CustomerSummary> CDNOW = Cdnow.summaries();
  private static final Map<String, CustomerSummary> BY_ID =
      CDNOW.stream().collect(Collectors.toMap(CustomerSummary::customerId, Function.identity()));

  @Test
  void cdnowSummariesReproduceThePublishedFrequencyRecencyTableForEveryCustomer() {
    List<String[]> published = Cdnow.csv("cdnow/cdnow_customers_summary.csv");

    assertThat(published).hasSize(2357);
    assertThat(CDNOW).hasSize(published.size());
    List<String> mismatches = new ArrayList<>();
    for (String[] row : published) {
      CustomerSummary c = BY_ID.get(row[0]);
      if (c == null || c.frequency() != Integer.parseInt(row[1])
          || !twoDecimals(c.recency()).equals(twoDecimals(row[2]))
          || !twoDecimals(c.T()).equals(twoDecimals(row[3]))) {
        mismatches.add(String.join(",", row) + " vs " + c);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void cdnowSummariesReproduceThePublishedTableWithMeanRepeatValueForEveryCustomer() {
    List<String[]> published = Cdnow.csv("cdnow/cdnow_customers_summary_with_transactions.csv");

    assertThat(published).hasSize(2357);
    List<String> mismatches = new ArrayList<>();
    for (String[] row : published) {
      CustomerSummary c = BY_ID.get(row[0]);
      if (c == null || c.frequency() != Integer.parseInt(row[1])
          || !twoDecimals(c.recency()).equals(row[2])
          || !twoDecimals(c.T()).equals(row[3])
          || !twoDecimals(c.monetary()).equals(row[4])) {
        mismatches.add(String.join(",", row) + " vs " + c);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void cdnowCustomerOneHasTwoRepeatPurchasesAndIsMeasuredToTheCalibrationEndDate() {
    // Bought 1997-01-01, -01-18, -08-02 (and 1997-12-12, after calibration).
    CustomerSummary one = BY_ID.get("1");

    assertThat(one.frequency()).isEqualTo(2);
    assertThat(one.recency()).isEqualTo(213 / 7.0);
    assertThat(one.T()).isEqualTo(272 / 7.0);
    assertThat(one.monetary()).isCloseTo((29.73 + 14.96) / 2, within(1e-12));
    assertThat(one.firstPurchase()).isEqualTo(LocalDate.of(1997, 1, 1));
  }

  @Test
  void purchasesOnTheSameDayAreOnePurchaseWorthTheirSum() {
    List<Transaction> t = List.of(
        tx("c", "2024-01-01", 10), tx("c", "2024-01-01", 5),
        tx("c", "2024-01-08", 20), tx("c", "2024-01-08", 2.5), tx("c", "2024-01-15", 7.5));

    CustomerSummary c = Rfm.summarize(t, LocalDate.of(2024, 1, 29), TimeUnit.WEEK).get(0);

    assertThat(c.frequency()).isEqualTo(2);
    assertThat(c.recency()).isEqualTo(2.0);
    assertThat(c.T()).isEqualTo(4.0);
    assertThat(c.monetary()).isEqualTo((22.5 + 7.5) / 2);
  }

  @Test
  void onlyTransactionsOnOrBeforeTheCalibrationEndCount() {
    List<Transaction> t = List.of(
        tx("a", "2024-01-01", 10), tx("a", "2024-01-10", 30), tx("a", "2024-01-11", 99),
        tx("b", "2024-01-11", 50));

    List<CustomerSummary> s = Rfm.summarize(t, LocalDate.of(2024, 1, 10), TimeUnit.DAY);

    assertThat(s).extracting(CustomerSummary::customerId).containsExactly("a");
    assertThat(s.get(0).frequency()).isEqualTo(1);
    assertThat(s.get(0).recency()).isEqualTo(9.0);
    assertThat(s.get(0).T()).isEqualTo(9.0);
    assertThat(s.get(0).monetary()).isEqualTo(30.0);
  }

  @Test
  void aCustomerWithoutRepeatPurchasesHasZeroRecencyAndZeroMonetary() {
    CustomerSummary c = Rfm.summarize(List.of(tx("a", "2024-01-01", 10), tx("a", "2024-01-01", 3)),
        LocalDate.of(2024, 1, 15), TimeUnit.WEEK).get(0);

    assertThat(c.frequency()).isZero();
    assertThat(c.recency()).isZero();
    assertThat(c.T()).isEqualTo(2.0);
    assertThat(c.monetary()).isZero();
  }

  @Test
  void withoutACalibrationEndTheLastTransactionDayEndsCalibration() {
    List<Transaction> t = List.of(tx("a", "2024-01-01", 1), tx("b", "2024-01-05", 1));

    List<CustomerSummary> s = Rfm.summarize(t, TimeUnit.DAY);

    assertThat(s).extracting(CustomerSummary::T).containsExactly(4.0, 0.0);
  }

  @Test
  void summarizingOneCustomerGivesWhatSummarizingEveryoneGives() {
    List<Transaction> all = Cdnow.transactions();
    List<Transaction> of42 = all.stream().filter(t -> t.customerId().equals("42")).toList();

    assertThat(Rfm.summarizeCustomer("42", of42, Cdnow.CALIBRATION_END, TimeUnit.WEEK))
        .contains(BY_ID.get("42"));
    assertThat(Rfm.summarizeCustomer("42", of42, LocalDate.of(1996, 12, 31), TimeUnit.WEEK))
        .isEmpty();
  }

  private static Transaction tx(String id, String date, double amount) {
    return new Transaction(id, LocalDate.parse(date), amount);
  }

  /** As the published tables print numbers: 2 decimals, halves rounded up. */
  private static String twoDecimals(double value) {
    // valueOf gives the shortest decimal that is this double, so 22.345 rounds to 22.35.
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String twoDecimals(String value) {
    return new BigDecimal(value).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }
}
