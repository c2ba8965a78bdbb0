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

    /**
     * Each response's preference values pooled over every pair it appears in: the mean of its
     * results ({@code I_k} as {@code y_a}, {@code 1 − I_k} as {@code y_b}), {@code [N][K]}; ½ for a
     * response that never appears.
     */
    public double[][] pooledValues(int responses) {
        int k = outcomes.length == 0 ? 0 : outcomes[0].length;
        double[][] sums = new double[responses][k];
        int[] counts = new int[responses];
        for (int i = 0; i < a.length; i++) {
            counts[a[i]]++;
            counts[b[i]]++;
            for (int j = 0; j < k; j++) {
                double indicator = (1 + outcomes[i][j]) / 2;
                sums[a[i]][j] += indicator;
                sums[b[i]][j] += 1 - indicator;
            }
        }
        for (int y = 0; y < responses; y++) {
            for (int j = 0; j < k; j++) {
                sums[y][j] = counts[y] == 0 ? 0.5 : sums[y][j] / counts[y];
            }
        }
        return sums;
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
