package dev.mopo.bench.synthetic;

import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.dual.WinRateEstimate;
import dev.mopo.core.dual.WinRateEstimator;

/**
 * An estimator shared by the R runs of a sweep: the first run to observe a batch computes the
 * estimate of all runs (the batch carries them on its leading axis), the others reuse it.
 */
final class OncePerBatch implements WinRateEstimator {

    private final WinRateEstimator estimator;
    private PreferenceBatch last;
    private WinRateEstimate estimate;

    OncePerBatch(WinRateEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public WinRateEstimate estimate(PreferenceBatch batch) {
        if (batch != last) {
            estimate = estimator.estimate(batch);
            last = batch;
        }
        return estimate;
    }
}
