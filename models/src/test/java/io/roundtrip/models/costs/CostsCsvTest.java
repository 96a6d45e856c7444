package io.roundtrip.models.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostsCsvTest {

  @TempDir
  Path tmp;

  static CampaignCosts read(String text) throws Exception {
    return CostsCsv.read(new StringReader(text), "costs.csv");
  }

  @Test
  void readsTheColumnsInAnyOrderAndIgnoresOthers() throws Exception {
    CampaignCosts costs = read("\uFEFFDay,clicks,Campaign,Source,Medium,Spend\r\n"
        + "2026-01-01,120,spring,google,cpc,10.50\r\n"
        + "\r\n"
        + "2026-01-02,80,\"spring, again\",google,cpc,0\r\n");

    assertThat(costs.lines()).containsExactly(
        new CampaignCost("spring", "google", "cpc", LocalDate.parse("2026-01-01"), 10.5),
        new CampaignCost("spring, again", "google", "cpc", LocalDate.parse("2026-01-02"), 0));
  }

  @Test
  void spendIsSummedPerValueOfTheMatchedFieldsOverEveryDay() throws Exception {
    CampaignCosts costs = read("campaign,source,medium,day,spend\n"
        + "spring,google,cpc,2026-01-01,0.1\n"
        + "spring,google,cpc,2026-01-02,0.2\n"
        + "spring,facebook,cpc,2026-01-01,5\n"
        + "winter,google,email,2026-01-01,7\n");

    // by campaign and medium: spring/cpc = 0.1 + 0.2 + 5 = 5.3 (as decimals, not 5.300000000000001)
    assertThat(costs.spendBy(List.of(CampaignColumn.CAMPAIGN, CampaignColumn.MEDIUM))).isEqualTo(Map.of(
        List.of("spring", "cpc"), 5.3, List.of("winter", "email"), 7.0));
    // 0.1 + 0.2 = 0.3 exactly
    assertThat(costs.spendBy(List.of(CampaignColumn.CAMPAIGN, CampaignColumn.SOURCE, CampaignColumn.MEDIUM))
        .get(List.of("spring", "google", "cpc"))).isEqualTo(0.3);
    // no fields: everything under one key
    assertThat(costs.spendBy(List.of())).isEqualTo(Map.of(List.of(), 12.3));
  }

  @Test
  void aBadValueIsAnErrorNamingTheFileLineAndField() {
    assertThatThrownBy(() -> read("campaign,source,medium,day,spend\n"
        + "spring,google,cpc,2026-01-01,10\n"
        + "spring,google,cpc,2026-01-02,ten\n"))
        .isInstanceOf(MalformedCostsException.class)
        .hasMessage("costs.csv:3: field 'spend': not a number: \"ten\"");
  }

  @Test
  void everyBadLineIsReportedInOneError() {
    assertThatThrownBy(() -> read("campaign,source,medium,day,spend\n"
        + ",google,cpc,2026-01-01,10\n"
        + "spring,google,cpc,01/02/2026,10\n"
        + "spring,google,cpc,2026-01-03,-4\n"
        + "spring,google,cpc,2026-01-04,NaN\n"
        + "spring,google,cpc\n"
        + "\"spring,google,cpc,2026-01-05,1\n"))
        .isInstanceOf(MalformedCostsException.class)
        .satisfies(e -> assertThat(((MalformedCostsException) e).errors()).containsExactly(
            "costs.csv:2: field 'campaign': empty",
            "costs.csv:3: field 'day': not a date (yyyy-MM-dd): \"01/02/2026\"",
            "costs.csv:4: field 'spend': negative: \"-4\"",
            "costs.csv:5: field 'spend': not a number: \"NaN\"",
            "costs.csv:6: expected 5 fields, as the header has, found 3: \"spring,google,cpc\"",
            "costs.csv:7: unterminated quoted field: \"\"spring,google,cpc,2026-01-05,1\""))
        .hasMessageStartingWith("costs.csv: 6 malformed lines:\n  costs.csv:2: field 'campaign': empty");
  }

  @Test
  void theSameCampaignSourceMediumAndDayTwiceIsAnErrorNotDoubleSpend() {
    assertThatThrownBy(() -> read("campaign,source,medium,day,spend\n"
        + "spring,google,cpc,2026-01-01,10\n"
        + "spring,google,cpc,2026-01-01,10\n"))
        .isInstanceOf(MalformedCostsException.class)
        .hasMessage("costs.csv:3: campaign 'spring', source 'google', medium 'cpc' on 2026-01-01 is already on "
            + "costs.csv:2 (each day's spend once)");
  }

  @Test
  void aHeaderWithoutAColumnNamesTheMissingOnes() {
    assertThatThrownBy(() -> read("campaign,day,spend\nspring,2026-01-01,1\n"))
        .isInstanceOf(MalformedCostsException.class)
        .hasMessage("costs.csv:1: the header has no column source, medium; costs need campaign,source,medium,day,spend,"
            + " found \"campaign,day,spend\"");
    assertThatThrownBy(() -> read(""))
        .hasMessage("costs.csv: empty file; expected the header \"campaign,source,medium,day,spend\"");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = tmp.resolve("nope.csv");
    assertThatThrownBy(() -> CostsCsv.read(missing))
        .isInstanceOf(MalformedCostsException.class)
        .hasMessage("costs file not found: " + missing);
  }

  @Test
  void aFileSourceRecordsTheDigestOfItsContentSoAChangedFileIsAChangedSetting() throws Exception {
    Path file = tmp.resolve("costs.csv");
    Files.writeString(file, "campaign,source,medium,day,spend\nspring,google,cpc,2026-01-01,10\n");
    CostsSource first = CostsSource.ofFile(file.toString());
    assertThat(CostsSource.ofFile(file.toString())).isEqualTo(first);
    Files.writeString(file, "campaign,source,medium,day,spend\nspring,google,cpc,2026-01-01,11\n");
    assertThat(CostsSource.ofFile(file.toString())).isNotEqualTo(first);
  }
}
