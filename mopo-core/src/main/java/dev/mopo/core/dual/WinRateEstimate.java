package dev.mopo.core.dual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Estimated win rates {@code P̂_k} of the current policy against the data, and how much to trust
 * them.
 *
 * @param winRates shape {@code [K]}, or {@code [R, K]} for R runs: one estimate per objective
 * @param effectiveSampleSize shape {@code []} or {@code [R]}: the effective number of responses
 *     behind the estimate ({@code 1 / Σ w²} for importance sampling; the sample count where every
 *     sample weighs the same)
 * @param samples the number of responses the estimate used
 */
public record WinRateEstimate(NDArray winRates, NDArray effectiveSampleSize, int samples) {

    /** The win rates copied to Java, one row per run (a single row without runs). */
    public double[][] winRatesPerRun() {
        int objectives = (int) winRates.getShape().tail();
        double[] flat = winRates.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] rows = new double[flat.length / objectives][objectives];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(flat, r * objectives, rows[r], 0, objectives);
        }
        return rows;
    }

    /** The effective sample sizes copied to Java, one per run. */
    public double[] effectiveSampleSizePerRun() {
        return effectiveSampleSize.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
