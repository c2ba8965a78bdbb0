package dev.mopo.core.pareto;

import java.util.ArrayList;
import java.util.List;

/** Pareto dominance for maximisation: points are objective vectors, larger is better. */
public final class ParetoFront {

    private ParetoFront() {}

    /** Whether {@code a} dominates {@code b}: at least as good everywhere and better somewhere. */
    public static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("points must have the same dimension, got " + a.length + " and " + b.length);
        }
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                return false;
            }
            better |= a[i] > b[i];
        }
        return better;
    }

    /** The points no other point dominates, in their original order (duplicates kept once). */
    public static List<double[]> filter(List<double[]> points) {
        List<double[]> front = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double[] candidate = points.get(i);
            boolean keep = true;
            for (int j = 0; j < points.size() && keep; j++) {
                double[] other = points.get(j);
                keep = !dominates(other, candidate) && !(j < i && java.util.Arrays.equals(other, candidate));
            }
            if (keep) {
                front.add(candidate);
            }
        }
        return front;
    }
}
