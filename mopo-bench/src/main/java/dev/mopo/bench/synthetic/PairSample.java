package dev.mopo.bench.synthetic;

import dev.mopo.core.tabular.TabularProblem;
import java.util.Random;

/**
 * Offline preference data for a tabular problem: pairs {@code (y_a, y_b)} drawn from
 * {@code μ ⊗ μ}, each labelled by every objective with an outcome drawn from {@code p_k(y_a ≻ y_b)}
 * — finite and noisy, as every method sees it.
 *
 * @param a the first response of each pair
 * @param b the second response of each pair
 * @param outcomes {@code outcomes[i][k] ∈ {+1, −1}}
 */
public record PairSample(int[] a, int[] b, double[][] outcomes) {

    /** Draws {@code count} labelled pairs. */
    public static PairSample draw(TabularProblem problem, int count, Random random) {
        double[] behaviour = problem.behaviour();
        int[] a = new int[count];
        int[] b = new int[count];
        double[][] outcomes = new double[count][problem.objectives()];
        for (int i = 0; i < count; i++) {
            a[i] = sample(behaviour, random);
            b[i] = sample(behaviour, random);
            for (int k = 0; k < problem.objectives(); k++) {
                outcomes[i][k] = random.nextDouble() < problem.preference(k, a[i], b[i]) ? 1 : -1;
            }
        }
        return new PairSample(a, b, outcomes);
    }

    /** The number of pairs. */
    public int size() {
        return a.length;
    }

    private static int sample(double[] distribution, Random random) {
        double u = random.nextDouble();
        for (int y = 0; y < distribution.length - 1; y++) {
            u -= distribution[y];
            if (u < 0) {
                return y;
            }
        }
        return distribution.length - 1;
    }
}
