package dev.mopo.bench.synthetic;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Point-wise rewards for MODPO in the synthetic benchmark: the maximum-likelihood Bradley–Terry
 * utilities of one objective's outcomes, {@code P(a ≻ b) = σ(r(a) − r(b))}, with a small ridge
 * that pins the free constant. Newton's method on the (concave) log-likelihood.
 */
final class BradleyTerryFit {

    private static final double RIDGE = 1e-3;
    private static final int ITERATIONS = 50;

    private BradleyTerryFit() {}

    /** Utilities of {@code responses} responses fitted to objective {@code k} of {@code sample}. */
    static double[] fit(PairSample sample, int k, int responses) {
        double[][] wins = new double[responses][responses];
        for (int i = 0; i < sample.size(); i++) {
            int a = sample.a()[i];
            int b = sample.b()[i];
            if (a == b) {
                continue;
            }
            if (sample.outcomes()[i][k] > 0) {
                wins[a][b]++;
            } else {
                wins[b][a]++;
            }
        }
        double[] utility = new double[responses];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] gradient = new double[responses];
            double[][] hessian = new double[responses][responses];
            for (int y = 0; y < responses; y++) {
                gradient[y] -= RIDGE * utility[y];
                hessian[y][y] += RIDGE;
                for (int other = y + 1; other < responses; other++) {
                    double games = wins[y][other] + wins[other][y];
                    if (games == 0) {
                        continue;
                    }
                    double p = 1 / (1 + Math.exp(utility[other] - utility[y]));
                    double residual = wins[y][other] - games * p;
                    gradient[y] += residual;
                    gradient[other] -= residual;
                    double curvature = games * p * (1 - p);
                    hessian[y][y] += curvature;
                    hessian[other][other] += curvature;
                    hessian[y][other] -= curvature;
                    hessian[other][y] -= curvature;
                }
            }
            RealMatrix h = MatrixUtils.createRealMatrix(hessian);
            RealVector step = new CholeskyDecomposition(h).getSolver().solve(MatrixUtils.createRealVector(gradient));
            double largest = 0;
            for (int y = 0; y < responses; y++) {
                utility[y] += step.getEntry(y);
                largest = Math.max(largest, Math.abs(step.getEntry(y)));
            }
            if (largest < 1e-10) {
                break;
            }
        }
        return utility;
    }
}
