package io.roundtrip.app.report.chart;

import java.util.List;

/** Series colours: Okabe and Ito's palette, which stays distinct for colour-blind readers. */
final class Palette {

  private static final List<String> COLOURS =
      List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000");

  private Palette() {}

  static String colour(int series) {
    return COLOURS.get(series % COLOURS.size());
  }
}
