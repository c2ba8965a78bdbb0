package dev.mopo.core.dual;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.batch.PreferenceBatch;
import java.util.function.Supplier;

/**
 * The exact win rates {@code P_k(π_θ)}, where the preference probabilities are known (the
 * synthetic benchmark, spec §5). The batch is ignored; the estimate has no sampling error, which
 * the effective sample size reports as infinite.
 */
public final class OracleEstimator implements WinRateEstimator {

    private final Supplier<NDArray> exactWinRates;

    /** An oracle reading the exact win rates, shape {@code [..., K]}, of the current policy. */
    public OracleEstimator(Supplier<NDArray> exactWinRates) {
        this.exactWinRates = exactWinRates;
    }

    @Override
    public WinRateEstimate estimate(PreferenceBatch batch) {
        NDArray winRates = exactWinRates.get().stopGradient();
        NDArray ess = winRates.sum(new int[] {-1}).zerosLike().add(Double.POSITIVE_INFINITY);
        return new WinRateEstimate(winRates, ess, batch.size() * 2);
    }
}
