package io.roundtrip.models.ltv;

/**
 * A model could not be fitted to the data: the optimiser ran out of iterations, the
 * log-likelihood stopped being finite, a parameter ran off to a bound (the data do not identify
 * it), or there is too little data to try. Thrown instead of returning numbers nobody should use.
 */
public class FitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FitException(String message) {
    super(message);
  }
}
