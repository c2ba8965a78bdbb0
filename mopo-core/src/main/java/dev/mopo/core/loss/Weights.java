package dev.mopo.core.loss;

import dev.mopo.core.Checks;

/** Validation of per-objective weight rows. */
final class Weights {

    private Weights() {}

    /** Checks rows of {@code width} finite non-negative weights, not all zero; returns a copy. */
    static double[][] check(String field, double[][] weights, int width) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException(field + " must hold at least one row of " + width + " weights");
        }
        double[][] copy = new double[weights.length][];
        for (int r = 0; r < weights.length; r++) {
            if (weights[r].length != width) {
                throw new IllegalArgumentException(field + "[" + r + "] must hold " + width
                        + " weights (one per objective), got " + weights[r].length);
            }
            double total = 0;
            for (int k = 0; k < width; k++) {
                total += Checks.nonNegative(field + "[" + r + "][" + k + "]", weights[r][k]);
            }
            if (total == 0) {
                throw new IllegalArgumentException(field + "[" + r + "] must not be all zero");
            }
            copy[r] = weights[r].clone();
        }
        return copy;
    }
}
