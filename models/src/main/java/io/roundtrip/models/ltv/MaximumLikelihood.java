package io.roundtrip.models.ltv;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over positive parameters, shared by the BG/NBD and the Gamma-Gamma.
 *
 * <p>The search is over theta = ln(parameter), so every point the optimiser tries is a valid
 * parameter vector, and a step of 1 means "a factor e" whatever the parameter's size. Nelder-Mead
 * (derivative-free; the likelihoods are smooth but their gradients are tedious) is restarted from
 * its own answer until a restart no longer improves the log-likelihood: a single run can stop
 * early on a collapsed simplex, a restart with a fresh simplex cannot be fooled twice in a row.
 *
 * <p>Parameters are confined to [e^-B, e^B] with B = {@link #LOG_BOUND}; callers rescale their
 * data so that sensible parameters are of order 1. An optimum within a factor e of a bound means
 * the likelihood keeps increasing towards 0 or infinity: the data do not identify that parameter,
 * and the result is reported as a failure rather than returned.
 */
final class MaximumLikelihood {

  static final double LOG_BOUND = Math.log(1e8);
  static final int MAX_ITERATIONS_PER_RUN = 10_000;
  static final int MAX_EVALUATIONS_PER_RUN = 40_000;
  static final int MAX_RUNS = 12;

  static final int MAX_NEWTON_STEPS = 5;

  /**
   * Finite-difference step in ln(parameter). Large enough that rounding in a likelihood of
   * size 1e4 (about 1e-12) stays below 1e-3 in the second derivatives, small enough that the
   * truncation error (h^2 times third derivatives) does too.
   */
  private static final double H = 1e-4;

  /** Restarts stop when one improves the log-likelihood by less than this, relatively. */
  private static final double STABLE = 1e-10;

  private MaximumLikelihood() {}

  record Optimum(double[] parameters, double logLikelihood, int iterations) {}

  /**
   * The maximum of {@code logLikelihood} (of the parameters themselves, not their logs) starting
   * from {@code start}.
   *
   * @throws FitException when it cannot be found; the message starts "MODEL fit did not
   *     converge after N iterations: " and says why
   */
  static Optimum maximize(String model, String[] names, ToDoubleFunction<double[]> logLikelihood,
      double[] start) {
    int n = names.length;
    ToDoubleFunction<double[]> negative = theta -> {
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        if (!(Math.abs(theta[i]) <= LOG_BOUND)) {
          return Double.POSITIVE_INFINITY; // a wall the simplex cannot cross
        }
        p[i] = Math.exp(theta[i]);
      }
      double ll = logLikelihood.applyAsDouble(p);
      // A NaN would poison Nelder-Mead's ordering of vertices; treat it as "worst possible".
      return Double.isFinite(ll) ? -ll : Double.POSITIVE_INFINITY;
    };
    double[] theta = Arrays.stream(start).map(Math::log).toArray();
    double best = negative.applyAsDouble(theta);
    if (!Double.isFinite(best)) {
      throw new FitException(model + " fit did not converge after 0 iterations: the log-likelihood"
          + " is not finite at the starting values " + describe(names, start));
    }
    int iterations = 0;
    for (int run = 0; run < MAX_RUNS; run++) {
      SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-13));
      PointValuePair found;
      try {
        found = optimizer.optimize(new MaxIter(MAX_ITERATIONS_PER_RUN),
            new MaxEval(MAX_EVALUATIONS_PER_RUN),
            new ObjectiveFunction(negative::applyAsDouble), GoalType.MINIMIZE,
            new InitialGuess(theta), new NelderMeadSimplex(n, 1.0));
      } catch (MaxCountExceededException e) {
        iterations += optimizer.getIterations();
        throw new FitException(model + " fit did not converge after " + iterations
            + " iterations: the optimiser reached its limit of " + e.getMax() + " "
            + (e instanceof TooManyEvaluationsException ? "evaluations" : "iterations")
            + " in one run (started from " + describe(names, exp(theta)) + ")");
      }
      iterations += optimizer.getIterations();
      double improvement = best - found.getValue();
      theta = found.getPoint();
      best = Math.min(best, found.getValue());
      if (run > 0 && improvement <= STABLE * (1 + Math.abs(best))) {
        checkBounds(model, names, theta, -best, iterations);
        return polish(model, names, logLikelihood, theta, iterations);
      }
    }
    throw new FitException(model + " fit did not converge after " + iterations + " iterations: "
        + MAX_RUNS + " restarts kept improving the log-likelihood (now " + (-best) + " at "
        + describe(names, exp(theta)) + ")");
  }

  /**
   * Newton steps from Nelder-Mead's answer, with a central-difference Hessian. Nelder-Mead stops
   * when the simplex's values agree to about 1e-10, which leaves the parameters right to only
   * five or six digits; two Newton steps make them right to the accuracy of the likelihood.
   * Along the way the Hessian must be negative definite: a likelihood that is flat in some
   * direction at its maximum does not identify the parameters, whatever the optimiser says.
   */
  private static Optimum polish(String model, String[] names,
      ToDoubleFunction<double[]> logLikelihood, double[] start, int iterations) {
    int n = start.length;
    ToDoubleFunction<double[]> f = theta -> logLikelihood.applyAsDouble(exp(theta));
    double[] theta = start.clone();
    double value = f.applyAsDouble(theta);
    for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
      double[] gradient = new double[n];
      double[][] hessian = new double[n][n];
      derivatives(f, theta, value, gradient, hessian);
      RealMatrix negativeHessian = MatrixUtils.createRealMatrix(hessian).scalarMultiply(-1);
      double[] delta;
      try {
        delta = new CholeskyDecomposition(negativeHessian).getSolver()
            .solve(new ArrayRealVector(gradient)).toArray();
      } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
        throw new FitException(model + " fit did not converge after " + iterations
            + " iterations: the log-likelihood is flat or not concave at its maximum ("
            + describe(names, exp(theta)) + "), so the data do not identify the parameters");
      }
      iterations++;
      // Accept the step only if it does not make things worse (it cannot help by much anyway).
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        next[i] = theta[i] + delta[i];
      }
      double nextValue = f.applyAsDouble(next);
      if (!(nextValue >= value) || !inBounds(next)) {
        break;
      }
      theta = next;
      value = nextValue;
      if (Arrays.stream(delta).map(Math::abs).max().orElse(0) < 1e-10) {
        break;
      }
    }
    checkBounds(model, names, theta, value, iterations);
    return new Optimum(exp(theta), value, iterations);
  }

  /** Central differences with step {@link #H} in every coordinate and pair of coordinates. */
  private static void derivatives(ToDoubleFunction<double[]> f, double[] theta, double value,
      double[] gradient, double[][] hessian) {
    int n = theta.length;
    double[] plus = new double[n];
    double[] minus = new double[n];
    for (int i = 0; i < n; i++) {
      plus[i] = f.applyAsDouble(shift(theta, i, H, -1, 0));
      minus[i] = f.applyAsDouble(shift(theta, i, -H, -1, 0));
      gradient[i] = (plus[i] - minus[i]) / (2 * H);
      hessian[i][i] = (plus[i] - 2 * value + minus[i]) / (H * H);
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double pp = f.applyAsDouble(shift(theta, i, H, j, H));
        double pm = f.applyAsDouble(shift(theta, i, H, j, -H));
        double mp = f.applyAsDouble(shift(theta, i, -H, j, H));
        double mm = f.applyAsDouble(shift(theta, i, -H, j, -H));
        hessian[i][j] = (pp - pm - mp + mm) / (4 * H * H);
        hessian[j][i] = hessian[i][j];
      }
    }
  }

  private static double[] shift(double[] theta, int i, double di, int j, double dj) {
    double[] out = theta.clone();
    out[i] += di;
    if (j >= 0) {
      out[j] += dj;
    }
    return out;
  }

  private static boolean inBounds(double[] theta) {
    return Arrays.stream(theta).allMatch(t -> Math.abs(t) < LOG_BOUND);
  }

  private static void checkBounds(String model, String[] names, double[] theta, double ll,
      int iterations) {
    if (!Double.isFinite(ll)) {
      throw new FitException(model + " fit did not converge after " + iterations
          + " iterations: the log-likelihood is not finite (" + ll + ")");
    }
    for (int i = 0; i < theta.length; i++) {
      if (Math.abs(theta[i]) >= LOG_BOUND - 1) {
        throw new FitException(model + " fit did not converge after " + iterations
            + " iterations: parameter " + names[i] + " ran to the "
            + (theta[i] > 0 ? "upper" : "lower") + " bound (" + describe(names, exp(theta))
            + ", on the data's scale); the data do not identify it");
      }
    }
  }

  private static double[] exp(double[] theta) {
    return Arrays.stream(theta).map(Math::exp).toArray();
  }

  static String describe(String[] names, double[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      s.append(i == 0 ? "" : ", ").append(names[i]).append('=')
          .append(String.format(Locale.ROOT, "%.6g", values[i]));
    }
    return s.toString();
  }
}
