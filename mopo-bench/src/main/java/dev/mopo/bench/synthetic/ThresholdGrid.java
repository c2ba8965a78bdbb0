package dev.mopo.bench.synthetic;

import dev.mopo.core.tabular.TabularProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The thresholds the suite sweeps. For each constrained objective the attainable range runs from
 * its win rate under the unconstrained optimum {@code π_0} (below that the constraint is slack)
 * to the best response's {@code max_y r_k(y)} (never attained at finite KL). The grid places
 * thresholds at fixed fractions of that range, plus one slack threshold for two objectives.
 */
final class ThresholdGrid {

    private static final double[] FRACTIONS_2D = {-0.2, 0.1, 0.25, 0.4, 0.55, 0.7};
    private static final double[] FRACTIONS_3D = {0.1, 0.35, 0.6};

    private ThresholdGrid() {}

    /** Threshold vectors {@code b_2 … b_K}, each entry clipped into (0, 1). */
    static List<double[]> of(TabularProblem problem) {
        int constrained = problem.objectives() - 1;
        double[] unconstrained = problem.winRates(problem.tiltedPolicy(new double[constrained]));
        double[][] axis = new double[constrained][];
        for (int k = 0; k < constrained; k++) {
            double low = unconstrained[k + 1];
            double high = max(problem.responseWinRates(k + 1));
            double[] fractions = constrained == 1 ? FRACTIONS_2D : FRACTIONS_3D;
            axis[k] = new double[fractions.length];
            for (int i = 0; i < fractions.length; i++) {
                axis[k][i] = Math.min(0.999, Math.max(0.001, low + fractions[i] * (high - low)));
            }
        }
        List<double[]> grid = new ArrayList<>();
        addProduct(axis, 0, new double[constrained], grid);
        return grid;
    }

    /** A dense sweep of the front for plots: {@code count} thresholds over the first objective's range. */
    static double[] dense(TabularProblem problem, int count) {
        double[] unconstrained = problem.winRates(problem.tiltedPolicy(new double[problem.objectives() - 1]));
        double low = unconstrained[1];
        double high = max(problem.responseWinRates(1));
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = low + (high - low) * i / count;
        }
        return values;
    }

    private static void addProduct(double[][] axis, int k, double[] current, List<double[]> grid) {
        if (k == axis.length) {
            grid.add(current.clone());
            return;
        }
        for (double value : axis[k]) {
            current[k] = value;
            addProduct(axis, k + 1, current, grid);
        }
    }

    private static double max(double[] values) {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            best = Math.max(best, v);
        }
        return best;
    }
}
