package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.mopo.core.Checks;

/**
 * Where MOPO's loss reads the current Lagrange multipliers {@code λ_2 … λ_K}. The dual step
 * changes them between optimiser steps; the loss only reads them.
 */
@FunctionalInterface
public interface MultiplierSource {

    /**
     * The multipliers as an array of shape {@code [K−1]}, or {@code [R, K−1]} for R runs trained
     * as one tensor program, created on {@code manager}.
     */
    NDArray multipliers(NDManager manager);

    /** Multipliers that never change: MOPO-fixed, the ablation without the dual step. */
    static MultiplierSource fixed(double... lambda) {
        for (int k = 0; k < lambda.length; k++) {
            Checks.nonNegative("lambda[" + k + "]", lambda[k]);
        }
        double[] copy = lambda.clone();
        return manager -> manager.create(copy);
    }
}
