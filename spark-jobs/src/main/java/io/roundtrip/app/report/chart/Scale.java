package io.roundtrip.app.report.chart;

/**
 * A value axis from 0 to {@code max} in ticks of {@code step}: steps are 1, 2, 2.5 or 5 times a
 * power of ten, so the tick labels are round numbers.
 */
public record Scale(double max, double step) {

  /** About five ticks covering {@code dataMax}; counts never get fractional ticks. */
  public static Scale covering(double dataMax, Unit unit) {
    if (!(dataMax > 0) || Double.isInfinite(dataMax)) {
      return unit == Unit.COUNT ? new Scale(1, 1) : new Scale(1, 0.2);
    }
    double raw = dataMax / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double normalised = raw / magnitude;
    double step = (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 2.5 ? 2.5 : normalised <= 5 ? 5 : 10)
        * magnitude;
    if (unit == Unit.COUNT) {
      step = Math.max(1, Math.ceil(step));
    }
    // a value a rounding error above a tick must not add a whole empty tick
    double ticks = Math.ceil(dataMax / step - 1e-9);
    return new Scale(ticks * step, step);
  }

  /** The tick values, 0 first. */
  public double[] ticks() {
    int n = (int) Math.round(max / step);
    double[] ticks = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      ticks[i] = i * step;
    }
    return ticks;
  }
}
