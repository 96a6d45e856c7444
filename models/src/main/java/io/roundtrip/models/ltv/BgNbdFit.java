package io.roundtrip.models.ltv;

import java.io.Serializable;

/**
 * A maximum-likelihood fit of the {@link BgNbd}. Only converged fits are ever returned (a fit
 * that fails throws {@link FitException}), so {@code converged} is true; it is kept so the record
 * can be stored as is next to reports of other fits.
 *
 * @param iterations Nelder-Mead iterations over all restarts
 * @param customers customers the fit used
 */
public record BgNbdFit(double r, double alpha, double a, double b, double logLikelihood,
    int iterations, boolean converged, long customers) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The fitted model. */
  public BgNbd model() {
    return new BgNbd(r, alpha, a, b);
  }

  /** See {@link BgNbd#pAlive}. */
  public double pAlive(int x, double tx, double T) {
    return model().pAlive(x, tx, T);
  }

  /** See {@link BgNbd#expectedPurchases}. */
  public double expectedPurchases(double t, int x, double tx, double T) {
    return model().expectedPurchases(t, x, tx, T);
  }

  /** See {@link BgNbd#expectedPurchasesNewCustomer}. */
  public double expectedPurchasesNewCustomer(double t) {
    return model().expectedPurchasesNewCustomer(t);
  }
}
