package dev.mopo.bench.synthetic;

/**
 * The two objective spaces the suite measures fronts in. MOPO solves
 * {@code max P_1 − τ·KL s.t. P_k ≥ b_k} (spec §2), so its exact front is Pareto-optimal in the
 * regularised space {@code (P_1 − τ·KL, P_2, …, P_K)}: no policy can dominate it there. In the
 * raw space {@code (P_1, …, P_K)} a less regularised policy (one that drifts further from
 * {@code π_ref}) can lie beyond it, so raw comparisons reward ignoring the KL leash.
 */
final class Objectives {

    private Objectives() {}

    /** {@code (P_1 − τ·KL, P_2, …, P_K)}. */
    static double[] regularised(double[] winRates, double kl, double tau) {
        double[] point = winRates.clone();
        point[0] -= tau * kl;
        return point;
    }
}
