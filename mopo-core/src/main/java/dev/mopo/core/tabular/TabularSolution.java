package dev.mopo.core.tabular;

/**
 * The exact constrained optimum for one threshold vector, or the verdict that the thresholds
 * cannot be met. An infeasible solution carries no numbers: its accessors other than
 * {@link #thresholds()} and {@link #feasible()} throw.
 */
public final class TabularSolution {

    private final double[] thresholds;
    private final double[] lambda;
    private final double[] policy;
    private final double[] winRates;
    private final double kl;

    private TabularSolution(double[] thresholds, double[] lambda, double[] policy, double[] winRates, double kl) {
        this.thresholds = thresholds;
        this.lambda = lambda;
        this.policy = policy;
        this.winRates = winRates;
        this.kl = kl;
    }

    static TabularSolution feasible(double[] thresholds, double[] lambda, double[] policy, double[] winRates,
            double kl) {
        return new TabularSolution(thresholds.clone(), lambda, policy, winRates, kl);
    }

    static TabularSolution infeasible(double[] thresholds) {
        return new TabularSolution(thresholds.clone(), null, null, null, Double.NaN);
    }

    /** The thresholds {@code b_2 … b_K} this solves for. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Whether some policy absolutely continuous w.r.t. {@code π_ref} meets every threshold strictly. */
    public boolean feasible() {
        return policy != null;
    }

    /** The optimal multipliers {@code λ*}. */
    public double[] lambda() {
        return require(lambda).clone();
    }

    /** The optimal policy {@code π_λ*}. */
    public double[] policy() {
        return require(policy).clone();
    }

    /** {@code P_1 … P_K} of the optimal policy. */
    public double[] winRates() {
        return require(winRates).clone();
    }

    /** {@code KL(π* ‖ π_ref)}. */
    public double kl() {
        require(policy);
        return kl;
    }

    private double[] require(double[] value) {
        if (value == null) {
            throw new IllegalStateException("thresholds " + java.util.Arrays.toString(thresholds)
                    + " are infeasible: there is no optimum to report");
        }
        return value;
    }
}
