package io.roundtrip.models.funnels;

import io.roundtrip.models.events.TouchEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunnelReportTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static final FunnelDefinition ABC = new FunnelDefinition(
      "abc", List.of(FunnelStep.track("A"), FunnelStep.track("B"), FunnelStep.track("C")));

  /** A person who took each step this many seconds after the previous one. */
  static PersonFunnel person(double revenue, List<String> breakdown, long... gaps) {
    List<Instant> times = new ArrayList<>();
    Instant t = T0;
    times.add(t);
    for (long gap : gaps) {
      t = t.plusSeconds(gap);
      times.add(t);
    }
    return new PersonFunnel(times.size(), times, revenue, breakdown);
  }

  static final PersonFunnel NEVER_STARTED = new PersonFunnel(0, List.of(), 0, List.of());

  /**
   * Five people in the funnel (one more never started it):
   * step 2 after 10, 20, 40 and 130 s; step 3 after 60 and 100 s, with revenue 100 and 50.
   */
  static List<PersonFunnel> people() {
    return List.of(
        person(100, List.of(), 10, 60),
        person(50, List.of(), 20, 100),
        person(0, List.of(), 40),
        person(0, List.of(), 130),
        person(0, List.of()),
        NEVER_STARTED);
  }

  @Test
  void reportMathMatchesHandComputedNumbers() {
    List<FunnelRow> rows = FunnelReport.of(ABC, people()).rows();

    assertThat(rows).containsExactly(
        // users 5, 4, 2: 4/5 = 0.8 and 2/5 = 0.4 of the first step; 2/4 = 0.5 of the previous.
        // Step 2 times 10, 20, 40, 130: mean 50, median (20 + 40) / 2 = 30.
        // Step 3 times 60, 100: mean = median = 80. Revenue 100 + 50 on the last row only.
        new FunnelRow("", 1, "A", 5, 1.0, 1.0, 0, null, null, 0),
        new FunnelRow("", 2, "B", 4, 0.8, 0.8, 1, 50.0, 30.0, 0),
        new FunnelRow("", 3, "C", 2, 0.4, 0.5, 2, 80.0, 80.0, 150));
  }

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    List<FunnelRow> rows = FunnelReport.of(ABC, List.of(
        person(0, List.of(), 5), person(0, List.of(), 7), person(0, List.of(), 100))).rows();

    assertThat(rows.get(1).medianSeconds()).isEqualTo(7.0);
    assertThat(rows.get(1).avgSeconds()).isCloseTo(112.0 / 3, within(1e-9));
  }

  @Test
  void stepNobodyReachedHasNoTimesAndZeroConversion() {
    List<FunnelRow> rows = FunnelReport.of(ABC, List.of(person(0, List.of()))).rows();

    assertThat(rows.get(1)).isEqualTo(new FunnelRow("", 2, "B", 0, 0, 0, 1, null, null, 0));
    // Previous step had nobody: 0/0 is reported as 0, not NaN.
    assertThat(rows.get(2)).isEqualTo(new FunnelRow("", 3, "C", 0, 0, 0, 0, null, null, 0));
  }

  @Test
  void rowsAreOnePerBreakdownValueAndStepOrderedByBreakdown() {
    FunnelReport report = FunnelReport.of(ABC, List.of(
        person(10, List.of("summer", "cpc"), 5, 5),
        person(0, List.of("(none)", "(none)")),
        person(20, List.of("spring", "email"), 1, 2),
        person(0, List.of("spring", "email"), 3)));

    List<FunnelRow> rows = report.rows();

    assertThat(rows).extracting(FunnelRow::breakdown, FunnelRow::step, FunnelRow::users)
        .containsExactly(
            tuple("(none) / (none)", 1, 1L),
            tuple("(none) / (none)", 2, 0L),
            tuple("(none) / (none)", 3, 0L),
            tuple("spring / email", 1, 2L),
            tuple("spring / email", 2, 2L),
            tuple("spring / email", 3, 1L),
            tuple("summer / cpc", 1, 1L),
            tuple("summer / cpc", 2, 1L),
            tuple("summer / cpc", 3, 1L));
    assertThat(rows.get(5).revenue()).isEqualTo(20);
    assertThat(rows.get(5).medianSeconds()).isEqualTo(2.0);
    assertThat(rows.get(4).avgSeconds()).isEqualTo(2.0);
  }

  @Test
  void mergingPartsInAnyGroupingGivesTheReportOfAll() {
    List<PersonFunnel> all = people();
    FunnelReport a = FunnelReport.of(ABC, all.subList(0, 2));
    FunnelReport b = FunnelReport.of(ABC, all.subList(2, 3));
    FunnelReport c = FunnelReport.of(ABC, all.subList(3, all.size()));
    List<FunnelRow> whole = FunnelReport.of(ABC, all).rows();

    assertThat(a.merge(b).merge(c).rows()).isEqualTo(whole);
    assertThat(a.merge(b.merge(c)).rows()).isEqualTo(whole);
    assertThat(c.merge(a).merge(b).rows()).isEqualTo(whole);
    assertThat(a.rows()).hasSize(3); // merging does not change its inputs
    assertThat(a.rows().get(0).users()).isEqualTo(2);
  }

  @Test
  void csvHasTheHeaderFixedDecimalsEmptyNullsAndCrlf() {
    String csv = FunnelCsv.toCsv(FunnelReport.of(ABC, List.of(
        person(0, List.of(), 10, 20),
        person(0, List.of(), 11),
        person(0, List.of()))).rows());

    assertThat(csv).isEqualTo(
        "breakdown,step,step_name,users,conversion_from_first,conversion_from_previous,"
            + "avg_seconds,median_seconds\r\n"
            + ",1,A,3,1.0000,1.0000,,\r\n"
            + ",2,B,2,0.6667,0.6667,10.5,10.5\r\n"
            + ",3,C,1,0.3333,0.5000,20.0,20.0\r\n");
  }

  @Test
  void csvQuotesCellsWithCommasAndQuotesAndSortsRows() {
    List<FunnelRow> rows = List.of(
        new FunnelRow("b", 1, "Step \"one\"", 1, 1, 1, 0, null, null, 0),
        new FunnelRow("a, x / cpc", 2, "B", 1, 0.5, 0.5, 1, 1.25, 1.0, 0),
        new FunnelRow("a, x / cpc", 1, "A", 2, 1, 1, 0, null, null, 0));

    assertThat(FunnelCsv.toCsv(rows).split("\r\n")).containsExactly(
        FunnelCsv.HEADER,
        "\"a, x / cpc\",1,A,2,1.0000,1.0000,,",
        "\"a, x / cpc\",2,B,1,0.5000,0.5000,1.3,1.0",
        "b,1,\"Step \"\"one\"\"\",1,1.0000,1.0000,,");
  }

  @Test
  void campaignFunnelEndToEnd() {
    FunnelDefinition def = FunnelDefinition.campaignFunnel();
    Map<String, String> spring =
        Map.of("context_campaign_name", "spring_sale", "context_campaign_medium", "email");
    List<TouchEvent> buyer = List.of(
        TouchEvent.page(T0, "Store", "/store", null, spring),
        TouchEvent.track(T0.plusSeconds(30), "Product Viewed", Map.of()),
        TouchEvent.track(T0.plusSeconds(90), "Order Completed", Map.of()).withRevenue(42.5));
    List<TouchEvent> browser = List.of(
        TouchEvent.page(T0, "Store", "/store/shoes", null, spring),
        TouchEvent.track(T0.plusSeconds(10), "Product Viewed", Map.of()));
    List<TouchEvent> organic = List.of(TouchEvent.page(T0, "Store", "/store", null, Map.of()));

    FunnelReport report = new FunnelReport(def);
    for (List<TouchEvent> events : List.of(buyer, browser, organic)) {
      report.add(FunnelMatcher.match(def, events));
    }

    assertThat(report.rows()).containsExactly(
        new FunnelRow("(none) / (none)", 1, "Store Visited", 1, 1, 1, 0, null, null, 0),
        new FunnelRow("(none) / (none)", 2, "Product Viewed", 0, 0, 0, 1, null, null, 0),
        new FunnelRow("(none) / (none)", 3, "Order Completed", 0, 0, 0, 0, null, null, 0),
        new FunnelRow("spring_sale / email", 1, "Store Visited", 2, 1, 1, 0, null, null, 0),
        new FunnelRow("spring_sale / email", 2, "Product Viewed", 2, 1, 1, 0, 20.0, 20.0, 0),
        new FunnelRow("spring_sale / email", 3, "Order Completed", 1, 0.5, 0.5, 1, 60.0, 60.0,
            42.5));
  }

  @Test
  void everythingSparkShipsSurvivesJavaSerialization() throws Exception {
    FunnelDefinition def = FunnelDefinition.campaignFunnel();
    PersonFunnel person = person(3, List.of("x", "y"), 1, 2);
    FunnelReport report = FunnelReport.of(def, List.of(person));
    TouchEvent event = TouchEvent.page(T0, "Store", "/store", "u", Map.of("k", "v"));

    assertThat(roundTrip(def)).isEqualTo(def);
    assertThat(roundTrip(person)).isEqualTo(person);
    assertThat(roundTrip(event)).isEqualTo(event);
    assertThat(roundTrip(report).rows()).isEqualTo(report.rows());
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
