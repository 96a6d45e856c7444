package io.roundtrip.models.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GammaGammaTest {

  private static final List<CustomerSummary> CDNOW = Cdnow.summaries();
  private static final GammaGammaFit FIT = GammaGamma.fit(CDNOW);

  @Test
  void cdnowFitOnTheRepeatBuyersGivesThePublishedParameters() {
    // Fader & Hardie (2013): p = 6.25, q = 3.74, gamma = 15.44 from the 946 repeat buyers' zbar
    assertThat(FIT.customers()).isEqualTo(946);
    assertThat(FIT.p()).isCloseTo(6.25, within(0.005));
    assertThat(FIT.q()).isCloseTo(3.74, within(0.005));
    assertThat(FIT.gamma()).isCloseTo(15.44, within(0.005));
    assertThat(FIT.converged()).isTrue();
  }

  @Test
  void thePublishedTablesZbarRoundedToCentsMovesTheEstimatesByLessThanACent() {
    List<CustomerSummary> published = new ArrayList<>();
    for (String[] row : Cdnow.csv("cdnow/cdnow_customers_summary_with_transactions.csv")) {
      published.add(new CustomerSummary(row[0], Integer.parseInt(row[1]),
          Double.parseDouble(row[2]), Double.parseDouble(row[3]), Double.parseDouble(row[4])));
    }

    GammaGammaFit fit = GammaGamma.fit(published);

    // The published estimates are those of the exact means (gamma here is 15.4477, not 15.44).
    assertThat(fit.p()).isCloseTo(FIT.p(), within(0.01));
    assertThat(fit.q()).isCloseTo(FIT.q(), within(0.01));
    assertThat(fit.gamma()).isCloseTo(FIT.gamma(), within(0.01));
  }

  @Test
  void expectedAverageValueIsTheWeightedMeanOfPopulationMeanAndOwnMean() {
    GammaGamma m = FIT.model();
    double population = m.p() * m.gamma() / (m.q() - 1);

    double value = m.expectedAverageValue(2, 22.35);

    assertThat(value).isCloseTo((m.gamma() + 2 * 22.35) * m.p() / (m.p() * 2 + m.q() - 1),
        within(1e-12));
    assertThat(value).isBetween(Math.min(population, 22.35), Math.max(population, 22.35));
    assertThat(m.expectedAverageValue(0, 123)).isCloseTo(population, within(1e-12));
    assertThat(m.populationMean()).isCloseTo(population, within(1e-12));
  }

  @Test
  void theMoreRepeatPurchasesTheCloserTheExpectationIsToTheCustomersOwnMean() {
    GammaGamma m = FIT.model();

    assertThat(Math.abs(m.expectedAverageValue(20, 100) - 100))
        .isLessThan(Math.abs(m.expectedAverageValue(2, 100) - 100));
  }

  @Test
  void measuringSpendInCentsScalesGammaAndLeavesPAndQ() {
    List<CustomerSummary> cents = CDNOW.stream().map(c -> new CustomerSummary(c.customerId(),
        c.frequency(), c.recency(), c.T(), 100 * c.monetary())).toList();

    GammaGammaFit fit = GammaGamma.fit(cents);

    assertThat(fit.p()).isCloseTo(FIT.p(), within(1e-5));
    assertThat(fit.q()).isCloseTo(FIT.q(), within(1e-5));
    assertThat(fit.gamma()).isCloseTo(100 * FIT.gamma(), within(1e-3));
  }

  @Test
  void fitRefusesIdenticalSpendRatherThanReturnParametersAtTheBound() {
    List<CustomerSummary> same = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      same.add(new CustomerSummary("c" + i, 2, 5, 10, 10));
    }

    assertThatThrownBy(() -> GammaGamma.fit(same))
        .isInstanceOf(FitException.class)
        .hasMessageStartingWith("Gamma-Gamma fit did not converge after ")
        .hasMessageContaining("bound");
  }

  @Test
  void fitRefusesTooFewRepeatBuyers() {
    List<CustomerSummary> few = CDNOW.stream().filter(c -> c.frequency() > 0).limit(3).toList();

    assertThatThrownBy(() -> GammaGamma.fit(few))
        .isInstanceOf(FitException.class)
        .hasMessage("Gamma-Gamma fit needs at least 10 customers with repeat purchases, got 3");
  }

  @Test
  void fitRefusesRepeatBuyersWithoutPositiveSpend() {
    List<CustomerSummary> refunds = new ArrayList<>(CDNOW);
    refunds.add(new CustomerSummary("refunder", 2, 5, 10, -4));

    assertThatThrownBy(() -> GammaGamma.fit(refunds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customer refunder");
  }
}
