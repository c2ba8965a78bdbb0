package dev.mopo.bench.synthetic;

import dev.mopo.core.tabular.TabularSolution;

/**
 * A MOPO run against the exact optimum at the same thresholds (spec §9): the primal gap
 * {@code P_1(exact) − P_1(learned)} and the violation {@code max_k max(0, b_k − P_k(learned))}.
 * Infeasible thresholds have no run and no numbers.
 *
 * @param exact the exact solution (possibly infeasible)
 * @param learned the trained policy, or null when the thresholds are infeasible
 */
public record ThresholdOutcome(TabularSolution exact, PolicyPoint learned) {

    /** Whether the thresholds can be met at all. */
    public boolean feasible() {
        return exact.feasible();
    }

    /** {@code P_1(exact) − P_1(learned)}. */
    public double primalGap() {
        return exact.winRates()[0] - learned.winRates()[0];
    }

    /** The largest shortfall below a threshold, 0 when every constraint holds. */
    public double violation() {
        double[] thresholds = exact.thresholds();
        double worst = 0;
        for (int k = 0; k < thresholds.length; k++) {
            worst = Math.max(worst, thresholds[k] - learned.winRates()[k + 1]);
        }
        return worst;
    }
}
