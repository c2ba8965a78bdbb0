package dev.mopo.core.tabular;

import java.util.Random;

/** Random tabular problems for tests: Bradley–Terry objectives, Dirichlet-ish reference. */
public final class RandomProblems {

    private RandomProblems() {}

    /** N responses, K independent Bradley–Terry objectives with unit-variance utilities. */
    public static TabularProblem bradleyTerry(int n, int objectives, double tau, Random random) {
        double[] reference = new double[n];
        double total = 0;
        for (int y = 0; y < n; y++) {
            reference[y] = -Math.log(1 - random.nextDouble());
            total += reference[y];
        }
        for (int y = 0; y < n; y++) {
            reference[y] /= total;
        }
        double[][][] p = new double[objectives][n][n];
        for (int k = 0; k < objectives; k++) {
            double[] u = new double[n];
            for (int y = 0; y < n; y++) {
                u[y] = random.nextGaussian();
            }
            for (int y = 0; y < n; y++) {
                for (int other = 0; other < n; other++) {
                    p[k][y][other] = y == other ? 0.5 : 1 / (1 + Math.exp(u[other] - u[y]));
                }
            }
            for (int y = 0; y < n; y++) {
                for (int other = y + 1; other < n; other++) {
                    p[k][other][y] = 1 - p[k][y][other];
                }
            }
        }
        return new TabularProblem(reference, reference, p, tau);
    }

    /** An index drawn from {@code distribution}. */
    public static int sample(double[] distribution, Random random) {
        double u = random.nextDouble();
        for (int y = 0; y < distribution.length; y++) {
            u -= distribution[y];
            if (u < 0) {
                return y;
            }
        }
        return distribution.length - 1;
    }
}
