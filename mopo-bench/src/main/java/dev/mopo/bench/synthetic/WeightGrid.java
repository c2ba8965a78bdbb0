package dev.mopo.bench.synthetic;

import java.util.ArrayList;
import java.util.List;

/** The weight and multiplier sweeps of the baselines. */
final class WeightGrid {

    private WeightGrid() {}

    /** Points of the K-simplex with coordinates in steps of {@code 1/divisions}. */
    static List<double[]> simplex(int k, int divisions) {
        List<double[]> points = new ArrayList<>();
        addSimplex(new double[k], 0, divisions, divisions, points);
        return points;
    }

    /** Simplex points with a positive primary weight (MODPO divides by it). */
    static List<double[]> simplexWithPrimary(int k, int divisions) {
        List<double[]> points = new ArrayList<>();
        for (double[] w : simplex(k, divisions)) {
            if (w[0] > 0) {
                points.add(w);
            }
        }
        return points;
    }

    /** Fixed multiplier vectors for MOPO-fixed: every combination of {@code values}. */
    static List<double[]> multipliers(int constrained, double[] values) {
        List<double[]> points = new ArrayList<>();
        addProduct(new double[constrained], 0, values, points);
        return points;
    }

    private static void addSimplex(double[] current, int index, int remaining, int divisions, List<double[]> out) {
        if (index == current.length - 1) {
            current[index] = (double) remaining / divisions;
            out.add(current.clone());
            return;
        }
        for (int units = remaining; units >= 0; units--) {
            current[index] = (double) units / divisions;
            addSimplex(current, index + 1, remaining - units, divisions, out);
        }
    }

    private static void addProduct(double[] current, int index, double[] values, List<double[]> out) {
        if (index == current.length) {
            out.add(current.clone());
            return;
        }
        for (double value : values) {
            current[index] = value;
            addProduct(current, index + 1, values, out);
        }
    }
}
