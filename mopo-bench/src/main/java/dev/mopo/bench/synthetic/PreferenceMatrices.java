package dev.mopo.bench.synthetic;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.special.Erf;

/** Preference matrices from latent utilities (transitive) or skew-symmetric scores (cyclic). */
final class PreferenceMatrices {

    /** The steepness {@code a} of the cyclic structure's {@code tanh}. */
    private static final double CYCLIC_STEEPNESS = 0.5;

    private PreferenceMatrices() {}

    /**
     * {@code k} unit-variance Gaussian utilities per response whose objectives have pairwise
     * correlation {@code rho}: {@code u[k][y]} = row k of the Cholesky factor times i.i.d. noise.
     */
    static double[][] correlatedUtilities(int n, int k, double rho, Random random) {
        double[][] correlation = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                correlation[i][j] = i == j ? 1 : rho;
            }
        }
        double[][] factor = new CholeskyDecomposition(MatrixUtils.createRealMatrix(correlation)).getL().getData();
        double[][] utilities = new double[k][n];
        for (int y = 0; y < n; y++) {
            double[] noise = new double[k];
            for (int i = 0; i < k; i++) {
                noise[i] = random.nextGaussian();
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    utilities[i][y] += factor[i][j] * noise[j];
                }
            }
        }
        return utilities;
    }

    /** Bradley–Terry: {@code p(y ≻ y') = σ(u(y) − u(y'))}. */
    static double[][][] bradleyTerry(double[][] utilities) {
        return fromUtilities(utilities, difference -> 1 / (1 + Math.exp(-difference)));
    }

    /** Thurstone case V: {@code p(y ≻ y') = Φ((u(y) − u(y')) / √2)}. */
    static double[][][] thurstone(double[][] utilities) {
        return fromUtilities(utilities, difference -> normalCdf(difference / Math.sqrt(2)));
    }

    /** Strict orders: the response with the higher utility always wins; a response ties itself. */
    static double[][][] strictOrders(double[][] utilities) {
        return fromUtilities(utilities, difference -> difference > 0 ? 1 : difference < 0 ? 0 : 0.5);
    }

    /** Intransitive preferences {@code p = ½ + ½ tanh(a·S[y, y'])}, {@code S = G − Gᵀ} Gaussian. */
    static double[][] cyclic(int n, Random random) {
        double[][] g = new double[n][n];
        for (double[] row : g) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] p = new double[n][n];
        for (int y = 0; y < n; y++) {
            for (int other = 0; other < n; other++) {
                p[y][other] = 0.5 + 0.5 * Math.tanh(CYCLIC_STEEPNESS * (g[y][other] - g[other][y]));
            }
        }
        return p;
    }

    private static double[][][] fromUtilities(double[][] utilities, DoubleUnaryOperator link) {
        int n = utilities[0].length;
        double[][][] p = new double[utilities.length][n][n];
        for (int k = 0; k < utilities.length; k++) {
            for (int y = 0; y < n; y++) {
                for (int other = 0; other < y; other++) {
                    p[k][y][other] = link.applyAsDouble(utilities[k][y] - utilities[k][other]);
                    p[k][other][y] = 1 - p[k][y][other];
                }
                p[k][y][y] = 0.5;
            }
        }
        return p;
    }

    private static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }
}
