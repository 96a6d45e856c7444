package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LtvModelTest {

  private static final List<CustomerSummary> CDNOW = Cdnow.summaries();
  private static final LtvOptions OPTIONS = new LtvOptions(TimeUnit.WEEK, 39, 0.10);
  private static final LtvModel.Result RESULT = LtvModel.fitAndScore(CDNOW, OPTIONS);

  @Test
  void everyCustomerIsScoredInTheOrderGiven() {
    assertThat(RESULT.customers()).extracting(CustomerValue::customerId)
        .containsExactlyElementsOf(CDNOW.stream().map(CustomerSummary::customerId).toList());
  }

  @Test
  void scoresUseBothFittedModels() {
    CustomerValue one = RESULT.customers().get(0);
    LtvModel m = RESULT.model();

    assertThat(one.customerId()).isEqualTo("1");
    assertThat(one.pAlive()).isEqualTo(m.bgNbd().pAlive(2, 213 / 7.0, 272 / 7.0));
    assertThat(one.expectedPurchases())
        .isEqualTo(m.bgNbd().expectedPurchases(39, 2, 213 / 7.0, 272 / 7.0));
    assertThat(one.expectedAvgValue())
        .isCloseTo(m.gammaGamma().expectedAverageValue(2, (29.73 + 14.96) / 2), within(1e-12));
    assertThat(one.clv()).isCloseTo(Clv.value(m.bgNbd().model(), 2, 213 / 7.0, 272 / 7.0,
        one.expectedAvgValue(), 39, 0.10, TimeUnit.WEEK), within(1e-9));
  }

  @Test
  void customersWithoutRepeatPurchasesAreValuedAtThePopulationMeanSpend() {
    double population = RESULT.model().gammaGamma().model().populationMean();

    assertThat(RESULT.customers()).filteredOn(c -> c.frequency() == 0)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.expectedAvgValue()).isCloseTo(population, within(1e-9)));
  }

  @Test
  void decilesSplitCustomersIntoTenNearEqualGroupsOrderedByClv() {
    Map<Integer, List<CustomerValue>> byDecile = new TreeMap<>(
        RESULT.customers().stream().collect(Collectors.groupingBy(CustomerValue::decile)));

    assertThat(byDecile).containsOnlyKeys(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    // 2357 customers: 7 groups of 236 and 3 of 235, the larger ones first
    assertThat(byDecile.values()).extracting(List::size)
        .containsExactly(236, 236, 236, 236, 236, 236, 236, 235, 235, 235);
    for (int d = 1; d < 10; d++) {
      double lowestHere = byDecile.get(d).stream().mapToDouble(CustomerValue::clv).min()
          .orElseThrow();
      double highestBelow = byDecile.get(d + 1).stream().mapToDouble(CustomerValue::clv).max()
          .orElseThrow();
      assertThat(lowestHere).as("decile %d vs %d", d, d + 1).isGreaterThanOrEqualTo(highestBelow);
    }
  }

  @Test
  void scoringOneCustomerGivesTheSameNumbersWithoutADecile() {
    CustomerValue inBulk = RESULT.customers().get(41);

    CustomerValue alone = RESULT.model().score(CDNOW.get(41), OPTIONS);

    assertThat(alone).isEqualTo(inBulk.withDecile(0));
  }

  @Test
  void aHigherDiscountRateLowersEveryPositiveClv() {
    List<CustomerValue> higher =
        RESULT.model().scoreAll(CDNOW, OPTIONS.withAnnualDiscountRate(0.3));

    for (int i = 0; i < CDNOW.size(); i++) {
      assertThat(higher.get(i).clv()).isLessThan(RESULT.customers().get(i).clv());
    }
  }

  @Test
  void fitReportsHaveOneRowPerParameterOfEachModel() {
    List<FitReport> rows = RESULT.model().fitReports();

    assertThat(rows).extracting(FitReport::model, FitReport::parameter).containsExactly(
        tuple("BG/NBD", "r"),
        tuple("BG/NBD", "alpha"),
        tuple("BG/NBD", "a"),
        tuple("BG/NBD", "b"),
        tuple("Gamma-Gamma", "p"),
        tuple("Gamma-Gamma", "q"),
        tuple("Gamma-Gamma", "gamma"));
    assertThat(rows.get(0).estimate()).isEqualTo(RESULT.model().bgNbd().r());
    assertThat(rows.get(0).customers()).isEqualTo(2357);
    assertThat(rows.get(6).customers()).isEqualTo(946);
    assertThat(rows).allMatch(FitReport::converged);
  }

  @Test
  void defaultOptionsLookOneYearAheadAtTenPercent() {
    assertThat(LtvOptions.defaults(TimeUnit.WEEK))
        .isEqualTo(new LtvOptions(TimeUnit.WEEK, 52, 0.10));
    assertThat(LtvOptions.defaults(TimeUnit.DAY))
        .isEqualTo(new LtvOptions(TimeUnit.DAY, 365, 0.10));
  }
}
