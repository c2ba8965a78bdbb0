package dev.mopo.core.tabular;

import dev.mopo.core.Checks;
import java.util.Arrays;

/**
 * The exact KL-regularised constrained optimum of a {@link TabularProblem} (spec §7): minimises
 * the convex, smooth dual
 *
 * <pre>D(λ) = τ · log Σ_y π_ref(y) exp((r_1(y) + Σ_k λ_k r_k(y)) / τ) − Σ_k λ_k b_k,   λ ≥ 0</pre>
 *
 * by projected Newton with an Armijo line search. Its gradient is {@code P_k(π_λ) − b_k} and its
 * Hessian the covariance of the {@code r_k} under {@code π_λ}, divided by {@code τ}.
 *
 * <p>Thresholds are feasible when some policy on the reference's support meets all of them
 * strictly; otherwise the solver reports them as infeasible rather than a number. Up to two
 * constrained objectives (K ≤ 3) are supported, which covers the synthetic suite.
 */
public final class ExactSolver {

    private static final int MAX_ITERATIONS = 500;
    private static final double GRADIENT_TOLERANCE = 1e-12;

    private final TabularProblem problem;

    /** A solver for {@code problem}. */
    public ExactSolver(TabularProblem problem) {
        if (problem.objectives() > 3) {
            throw new IllegalArgumentException("the exact solver supports up to 3 objectives, got "
                    + problem.objectives());
        }
        this.problem = problem;
    }

    /** The optimum for thresholds {@code b_2 … b_K}, each in (0, 1). */
    public TabularSolution solve(double... thresholds) {
        int constrained = problem.objectives() - 1;
        if (thresholds.length != constrained) {
            throw new IllegalArgumentException("thresholds must give " + constrained
                    + " values (one per constrained objective), got " + Arrays.toString(thresholds));
        }
        for (int k = 0; k < constrained; k++) {
            Checks.openUnit("threshold[" + (k + 1) + "]", thresholds[k]);
        }
        if (feasibilityMargin(thresholds) <= 0) {
            return TabularSolution.infeasible(thresholds);
        }
        double[] lambda = minimiseDual(thresholds);
        double[] policy = problem.tiltedPolicy(lambda);
        return TabularSolution.feasible(thresholds, lambda, policy, problem.winRates(policy), problem.kl(policy));
    }

    /**
     * {@code max_π min_k (P_k(π) − b_k)} over policies on the reference's support: positive iff
     * the thresholds are strictly feasible. By LP duality it equals
     * {@code min_{w ∈ simplex} max_y Σ_k w_k (r_k(y) − b_k)}, a convex piecewise-linear function of
     * {@code w} whose minimum lies at a vertex: an end of the simplex or where two lines cross.
     */
    public double feasibilityMargin(double[] thresholds) {
        int n = problem.responses();
        double[] reference = problem.reference();
        double[][] slack = new double[thresholds.length][n];
        for (int k = 0; k < thresholds.length; k++) {
            double[] rates = problem.responseWinRates(k + 1);
            for (int y = 0; y < n; y++) {
                slack[k][y] = reference[y] > 0 ? rates[y] - thresholds[k] : Double.NEGATIVE_INFINITY;
            }
        }
        if (thresholds.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (thresholds.length == 1) {
            return max(slack[0]);
        }
        double best = Math.min(upperEnvelope(slack, 0), upperEnvelope(slack, 1));
        for (int y = 0; y < n; y++) {
            for (int other = y + 1; other < n; other++) {
                double slopeY = slack[0][y] - slack[1][y];
                double slopeOther = slack[0][other] - slack[1][other];
                if (slopeY == slopeOther || Double.isInfinite(slopeY) || Double.isInfinite(slopeOther)) {
                    continue;
                }
                double w = (slack[1][other] - slack[1][y]) / (slopeY - slopeOther);
                if (w > 0 && w < 1) {
                    best = Math.min(best, upperEnvelope(slack, w));
                }
            }
        }
        return best;
    }

    /** {@code max_y [ w·slack_0(y) + (1−w)·slack_1(y) ]}. */
    private static double upperEnvelope(double[][] slack, double w) {
        double best = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < slack[0].length; y++) {
            best = Math.max(best, w * slack[0][y] + (1 - w) * slack[1][y]);
        }
        return best;
    }

    /** The dual value {@code D(λ)}. */
    public double dual(double[] lambda, double[] thresholds) {
        double[] logits = problem.tiltedLogits(lambda);
        double max = max(logits);
        double total = 0;
        for (double logit : logits) {
            total += Math.exp(logit - max);
        }
        double value = problem.tau() * (max + Math.log(total));
        for (int k = 0; k < lambda.length; k++) {
            value -= lambda[k] * thresholds[k];
        }
        return value;
    }

    private double[] minimiseDual(double[] thresholds) {
        int m = thresholds.length;
        double[] lambda = new double[m];
        for (int iteration = 0; iteration < MAX_ITERATIONS && m > 0; iteration++) {
            double[] policy = problem.tiltedPolicy(lambda);
            double[] rates = problem.winRates(policy);
            double[] gradient = new double[m];
            boolean[] free = new boolean[m];
            double projectedNorm = 0;
            for (int k = 0; k < m; k++) {
                gradient[k] = rates[k + 1] - thresholds[k];
                free[k] = lambda[k] > 0 || gradient[k] < 0;
                if (free[k]) {
                    projectedNorm = Math.max(projectedNorm, Math.abs(gradient[k]));
                }
            }
            if (projectedNorm < GRADIENT_TOLERANCE) {
                break;
            }
            double[] direction = newtonDirection(policy, gradient, free);
            lambda = lineSearch(lambda, direction, gradient, thresholds);
        }
        return lambda;
    }

    /** {@code −H_FF⁻¹ g_F} on the free coordinates, 0 on the others. */
    private double[] newtonDirection(double[] policy, double[] gradient, boolean[] free) {
        int m = gradient.length;
        double[][] rates = new double[m][];
        double[] means = new double[m];
        for (int k = 0; k < m; k++) {
            rates[k] = problem.responseWinRates(k + 1);
            for (int y = 0; y < policy.length; y++) {
                means[k] += policy[y] * rates[k][y];
            }
        }
        double[][] hessian = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double covariance = 0;
                for (int y = 0; y < policy.length; y++) {
                    covariance += policy[y] * (rates[i][y] - means[i]) * (rates[j][y] - means[j]);
                }
                hessian[i][j] = covariance / problem.tau() + (i == j ? 1e-12 : 0);
            }
        }
        double[] direction = new double[m];
        if (m == 1 || !free[0] || !free[1]) {
            for (int k = 0; k < m; k++) {
                direction[k] = free[k] ? -gradient[k] / hessian[k][k] : 0;
            }
            return direction;
        }
        double det = hessian[0][0] * hessian[1][1] - hessian[0][1] * hessian[1][0];
        direction[0] = -(hessian[1][1] * gradient[0] - hessian[0][1] * gradient[1]) / det;
        direction[1] = -(hessian[0][0] * gradient[1] - hessian[1][0] * gradient[0]) / det;
        return direction;
    }

    /**
     * Backtracks along the projected path {@code max(0, λ + α d)} until Armijo's condition holds.
     * Near the optimum the decrease falls below the rounding error of evaluating {@code D}; a
     * slack of that size lets the (then nearly exact) Newton step through.
     */
    private double[] lineSearch(double[] lambda, double[] direction, double[] gradient, double[] thresholds) {
        double current = dual(lambda, thresholds);
        double roundingSlack = 1e-14 * Math.max(1, Math.abs(current));
        for (double step = 1; step > 1e-20; step /= 2) {
            double[] candidate = new double[lambda.length];
            double decrease = 0;
            for (int k = 0; k < lambda.length; k++) {
                candidate[k] = Math.max(0, lambda[k] + step * direction[k]);
                decrease += gradient[k] * (candidate[k] - lambda[k]);
            }
            if (dual(candidate, thresholds) <= current + 1e-4 * decrease + roundingSlack) {
                return candidate;
            }
        }
        return lambda;
    }

    private static double max(double[] values) {
        double best = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            best = Math.max(best, value);
        }
        return best;
    }
}
