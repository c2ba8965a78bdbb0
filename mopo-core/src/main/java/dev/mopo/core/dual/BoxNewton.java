package dev.mopo.core.dual;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Solves {@code F(λ) = 0} for {@code λ} in a box {@code [low_k, high_k]}, where {@code F} is the
 * gradient of a convex function (or, with Eq. 8's bound, close to one): at the solution each
 * coordinate has {@code F_k = 0}, or sits at {@code low} with {@code F_k ≥ 0}, or at {@code high}
 * with {@code F_k ≤ 0}. Projected Newton steps on the free coordinates, backtracked until the
 * natural residual {@code ‖λ − clip(λ − F(λ))‖_∞} decreases.
 */
final class BoxNewton {

    /** {@code F} at one point and its Jacobian there, computed only if a step starts from the point. */
    record Point(double[] residual, Supplier<double[][]> jacobian) {}

    private static final double RIDGE = 1e-12;
    private static final int HALVINGS = 30;

    private BoxNewton() {}

    /** The box {@code [low_k, high_k]}. */
    record Box(double[] low, double[] high) {
        double clip(int k, double value) {
            return Math.min(high[k], Math.max(low[k], value));
        }
    }

    /**
     * At most {@code iterations} Newton steps from {@code start} (inside {@code box}), where the
     * system's value is {@code atStart}, stopping once the natural residual falls below
     * {@code tolerance}; returns the last accepted point.
     */
    static double[] solve(Function<double[], Point> system, double[] start, Point atStart, Box box, int iterations,
            double tolerance) {
        double[] lambda = start.clone();
        Point point = atStart;
        double merit = merit(lambda, point.residual(), box);
        for (int i = 0; i < iterations && merit > tolerance; i++) {
            double[] direction = direction(lambda, point, box);
            boolean accepted = false;
            for (int h = 0; h < HALVINGS && !accepted; h++) {
                double alpha = Math.scalb(1.0, -h);
                double[] candidate = new double[lambda.length];
                for (int k = 0; k < lambda.length; k++) {
                    candidate[k] = box.clip(k, lambda[k] + alpha * direction[k]);
                }
                Point next = system.apply(candidate);
                double nextMerit = merit(candidate, next.residual(), box);
                if (nextMerit <= (1 - 1e-4 * alpha) * merit) {
                    lambda = candidate;
                    point = next;
                    merit = nextMerit;
                    accepted = true;
                }
            }
            if (!accepted) {
                break;
            }
        }
        return lambda;
    }

    /** {@code −J_FF⁻¹ F_F} on the free coordinates, 0 on those held at a bound. */
    private static double[] direction(double[] lambda, Point point, Box box) {
        int m = lambda.length;
        double[] f = point.residual();
        boolean[] free = new boolean[m];
        int count = 0;
        for (int k = 0; k < m; k++) {
            free[k] = !(lambda[k] <= box.low()[k] && f[k] >= 0) && !(lambda[k] >= box.high()[k] && f[k] <= 0);
            count += free[k] ? 1 : 0;
        }
        int[] index = new int[count];
        for (int k = 0, c = 0; k < m; k++) {
            if (free[k]) {
                index[c++] = k;
            }
        }
        double[][] jacobian = point.jacobian().get();
        double[][] a = new double[count][count + 1];
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < count; c++) {
                a[r][c] = jacobian[index[r]][index[c]] + (r == c ? RIDGE : 0);
            }
            a[r][count] = -f[index[r]];
        }
        double[] step = gaussianElimination(a);
        double[] direction = new double[m];
        for (int r = 0; r < count; r++) {
            // a singular Jacobian even with the ridge: fall back to the residual itself
            direction[index[r]] = Double.isFinite(step[r]) ? step[r] : -f[index[r]];
        }
        return direction;
    }

    /** Solves the augmented system {@code [A | b]} by elimination with partial pivoting. */
    private static double[] gaussianElimination(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double factor = a[r][col] / a[col][col];
                for (int c = col; c <= n; c++) {
                    a[r][c] -= factor * a[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double total = a[r][n];
            for (int c = r + 1; c < n; c++) {
                total -= a[r][c] * x[c];
            }
            x[r] = total / a[r][r];
        }
        return x;
    }

    /** {@code ‖λ − clip(λ − F)‖_∞}: zero exactly at a solution. */
    private static double merit(double[] lambda, double[] residual, Box box) {
        double worst = 0;
        for (int k = 0; k < lambda.length; k++) {
            worst = Math.max(worst, Math.abs(lambda[k] - box.clip(k, lambda[k] - residual[k])));
        }
        return worst;
    }
}
