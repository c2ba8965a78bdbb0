package dev.mopo.core.dual;

import dev.mopo.core.batch.PreferenceBatch;

/**
 * Estimates the win rates {@code P_k(π_θ)} of the current policy from a batch of offline pairs
 * (spec §5). No gradient flows through an estimate.
 */
@FunctionalInterface
public interface WinRateEstimator {

    /** The estimate from {@code batch}. */
    WinRateEstimate estimate(PreferenceBatch batch);
}
