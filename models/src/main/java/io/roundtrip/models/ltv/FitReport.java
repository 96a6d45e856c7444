package io.roundtrip.models.ltv;

import java.util.List;

/**
 * One row per fitted parameter, so the fits of all models can be stored in one table with fixed
 * columns (model, parameter, estimate, log_likelihood, iterations, converged, customers).
 *
 * @param customers customers the fit used (all for the BG/NBD, repeat buyers for the
 *     Gamma-Gamma)
 */
public record FitReport(String model, String parameter, double estimate, double logLikelihood,
    int iterations, boolean converged, long customers) {

  /** The rows of a BG/NBD fit: r, alpha, a, b. */
  public static List<FitReport> of(BgNbdFit fit) {
    return List.of(
        row(BgNbd.NAME, "r", fit.r(), fit),
        row(BgNbd.NAME, "alpha", fit.alpha(), fit),
        row(BgNbd.NAME, "a", fit.a(), fit),
        row(BgNbd.NAME, "b", fit.b(), fit));
  }

  /** The rows of a Gamma-Gamma fit: p, q, gamma. */
  public static List<FitReport> of(GammaGammaFit fit) {
    return List.of(
        new FitReport(GammaGamma.NAME, "p", fit.p(), fit.logLikelihood(), fit.iterations(),
            fit.converged(), fit.customers()),
        new FitReport(GammaGamma.NAME, "q", fit.q(), fit.logLikelihood(), fit.iterations(),
            fit.converged(), fit.customers()),
        new FitReport(GammaGamma.NAME, "gamma", fit.gamma(), fit.logLikelihood(),
            fit.iterations(), fit.converged(), fit.customers()));
  }

  private static FitReport row(String model, String parameter, double value, BgNbdFit fit) {
    return new FitReport(model, parameter, value, fit.logLikelihood(), fit.iterations(),
        fit.converged(), fit.customers());
  }
}
