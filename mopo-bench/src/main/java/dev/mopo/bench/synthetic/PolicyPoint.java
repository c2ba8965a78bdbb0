package dev.mopo.bench.synthetic;

/**
 * Where one trained policy landed: its exact win rates {@code P_1 … P_K} and KL to the reference,
 * with the setting that produced it (thresholds for MOPO, weights for a scalarised baseline,
 * fixed multipliers for MOPO-fixed) and, for MOPO, its final multipliers and estimator health.
 *
 * @param method the method's name
 * @param label a short label of the setting, for tables and plots
 * @param setting the thresholds, weights or multipliers
 * @param winRates the exact {@code P_k(π)}
 * @param kl {@code KL(π ‖ π_ref)}
 * @param lambda the final multipliers, or null without a dual step
 * @param effectiveSampleSize the last estimate's effective sample size, or NaN
 * @param reliable whether the last estimate was reliable (always true without a dual step)
 * @param lambdaSpread the largest standard deviation of a multiplier over the last quarter of the
 *     updates (near 0 once {@code λ} settles; large when it oscillates), or NaN without a dual step
 */
public record PolicyPoint(String method, String label, double[] setting, double[] winRates, double kl,
        double[] lambda, double effectiveSampleSize, boolean reliable, double lambdaSpread) {

    /** {@code (P_1 − τ·KL, P_2, …, P_K)}: the objectives of the KL-regularised problem (spec §2). */
    public double[] regularised(double tau) {
        return Objectives.regularised(winRates, kl, tau);
    }
}
