package io.roundtrip.models.costs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Segment's ROI guide: ROI = (revenue - cost) / cost; ROAS = revenue / cost; CPA = cost / conversions. */
class CampaignReturnsTest {

  @Test
  void roiRoasAndCostPerAcquisitionFollowTheGuidesFormulas() {
    // spend 200, revenue 500 from 4 conversions: CPA 50, ROI (500 - 200) / 200 = 1.5, ROAS 2.5
    assertThat(CampaignReturns.of(200.0, 500, 4)).isEqualTo(new CampaignReturns(200.0, 50.0, 1.5, 2.5));
    // a losing campaign: revenue 150 on 200, ROI -0.25
    assertThat(CampaignReturns.of(200.0, 150, 2)).isEqualTo(new CampaignReturns(200.0, 100.0, -0.25, 0.75));
  }

  @Test
  void unknownSpendIsNullNotZeroAndSoIsEveryRatio() {
    assertThat(CampaignReturns.of(null, 500, 4)).isEqualTo(new CampaignReturns(null, null, null, null));
  }

  @Test
  void aRatioOverZeroIsNull() {
    // nothing spent: CPA 0 / 4 = 0, but ROI and ROAS divide by zero
    assertThat(CampaignReturns.of(0.0, 500, 4)).isEqualTo(new CampaignReturns(0.0, 0.0, null, null));
    // spend without conversions: no cost per acquisition; ROI -1 (all lost), ROAS 0
    assertThat(CampaignReturns.of(80.0, 0, 0)).isEqualTo(new CampaignReturns(80.0, null, -1.0, 0.0));
  }
}
