package io.roundtrip.models.ltv;

import java.io.Serializable;

/**
 * A maximum-likelihood fit of the {@link GammaGamma}. As with {@link BgNbdFit}, failures throw
 * {@link FitException}, so a returned fit has {@code converged} true.
 *
 * @param iterations Nelder-Mead iterations over all restarts
 * @param customers repeat buyers the fit used
 */
public record GammaGammaFit(double p, double q, double gamma, double logLikelihood,
    int iterations, boolean converged, long customers) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The fitted model. */
  public GammaGamma model() {
    return new GammaGamma(p, q, gamma);
  }

  /** See {@link GammaGamma#expectedAverageValue}. */
  public double expectedAverageValue(int x, double monetary) {
    return model().expectedAverageValue(x, monetary);
  }
}
