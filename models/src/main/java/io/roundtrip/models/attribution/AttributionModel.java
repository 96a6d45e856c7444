package io.roundtrip.models.attribution;

import java.util.Arrays;

/** How a conversion's credit is shared among the touches before it (oldest first). */
public enum AttributionModel {
  /** All credit to the first touch. */
  FIRST_TOUCH,
  /** All credit to the last touch. */
  LAST_TOUCH,
  /** Equal credit to every touch. */
  LINEAR,
  /**
   * 40-20-40: 40% each to the first and last touch, the other 20% split evenly over the ones in
   * between; with two touches 50/50, with one all of it.
   */
  POSITION_BASED;

  /**
   * The share of credit of each touch, oldest first; always sums to 1.
   *
   * @throws IllegalArgumentException when {@code touches} is less than 1
   */
  public double[] points(int touches) {
    if (touches < 1) {
      throw new IllegalArgumentException("need at least one touch, got " + touches);
    }
    double[] points = new double[touches];
    switch (this) {
      case FIRST_TOUCH -> points[0] = 1;
      case LAST_TOUCH -> points[touches - 1] = 1;
      case LINEAR -> Arrays.fill(points, 1.0 / touches);
      case POSITION_BASED -> {
        if (touches <= 2) {
          Arrays.fill(points, 1.0 / touches);
        } else {
          Arrays.fill(points, 1, touches - 1, 0.2 / (touches - 2));
          points[0] = 0.4;
          points[touches - 1] = 0.4;
        }
      }
      default -> throw new AssertionError(this);
    }
    return points;
  }
}
