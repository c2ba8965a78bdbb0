package dev.mopo.core.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact hypervolume for maximisation in two and three dimensions: the measure of the region
 * dominated by at least one point and dominating the reference point. Points that do not
 * strictly dominate the reference contribute nothing.
 */
public final class Hypervolume {

    private Hypervolume() {}

    /** The hypervolume of 2-D or 3-D points with respect to {@code reference}. */
    public static double of(List<double[]> points, double[] reference) {
        if (reference.length == 2) {
            return of2d(points, reference);
        }
        if (reference.length == 3) {
            return of3d(points, reference);
        }
        throw new IllegalArgumentException("hypervolume is implemented for 2 or 3 dimensions, got " + reference.length);
    }

    /** Exact 2-D hypervolume: a sweep over the points sorted by the first coordinate. */
    public static double of2d(List<double[]> points, double[] reference) {
        List<double[]> inside = dominating(points, reference, 2);
        inside.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
        double area = 0;
        double covered = reference[1];
        for (double[] p : inside) {
            if (p[1] > covered) {
                area += (p[0] - reference[0]) * (p[1] - covered);
                covered = p[1];
            }
        }
        return area;
    }

    /**
     * Exact 3-D hypervolume: slices between consecutive third coordinates, each the 2-D
     * hypervolume of the points at or above the slice.
     */
    public static double of3d(List<double[]> points, double[] reference) {
        List<double[]> inside = dominating(points, reference, 3);
        inside.sort(Comparator.comparingDouble((double[] p) -> p[2]).reversed());
        double volume = 0;
        List<double[]> above = new ArrayList<>();
        double[] reference2d = {reference[0], reference[1]};
        for (int i = 0; i < inside.size(); i++) {
            double[] p = inside.get(i);
            above.add(new double[] {p[0], p[1]});
            double next = i + 1 < inside.size() ? inside.get(i + 1)[2] : reference[2];
            if (p[2] > next) {
                volume += of2d(above, reference2d) * (p[2] - next);
            }
        }
        return volume;
    }

    private static List<double[]> dominating(List<double[]> points, double[] reference, int dimension) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != dimension) {
                throw new IllegalArgumentException("expected " + dimension + "-D points, got " + Arrays.toString(p));
            }
            boolean dominatesReference = true;
            for (int i = 0; i < dimension; i++) {
                dominatesReference &= p[i] > reference[i];
            }
            if (dominatesReference) {
                inside.add(p);
            }
        }
        return inside;
    }
}
