package dev.mopo.bench.eval;

/**
 * Wins against the reference: a policy's response beats the reference's response to the same
 * prompt with the same sample index when it scores higher; ties count ½.
 */
public final class WinRate {

    private WinRate() {}

    /** 1 when {@code policy > reference}, ½ when equal, 0 when below. */
    public static double indicator(double policy, double reference) {
        return policy > reference ? 1 : policy == reference ? 0.5 : 0;
    }

    /** The indicators of paired scores, {@code [prompts][samples]}. */
    public static double[][] indicators(double[][] policy, double[][] reference) {
        double[][] wins = new double[policy.length][];
        for (int p = 0; p < policy.length; p++) {
            if (policy[p].length != reference[p].length) {
                throw new IllegalArgumentException("prompt " + p + " has " + policy[p].length + " samples of the policy and "
                        + reference[p].length + " of the reference");
            }
            wins[p] = new double[policy[p].length];
            for (int s = 0; s < wins[p].length; s++) {
                wins[p][s] = indicator(policy[p][s], reference[p][s]);
            }
        }
        return wins;
    }
}
