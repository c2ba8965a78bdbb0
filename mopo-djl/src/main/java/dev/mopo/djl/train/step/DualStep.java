package dev.mopo.djl.train.step;

import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.dual.DualAscent;
import dev.mopo.core.dual.DualState;
import dev.mopo.core.dual.DualUpdate;
import dev.mopo.core.dual.WinRateEstimate;
import dev.mopo.core.dual.WinRateEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * MOPO's multiplier step as the training loop drives it: every micro-batch's win-rate estimate is
 * {@linkplain #observe observed}; when the step is due, {@link #update} moves the multipliers
 * with the mean of the step's estimates (their effective sample sizes and sample counts summed).
 */
public final class DualStep {

    private final DualAscent ascent;
    private final WinRateEstimator estimator;
    private final List<double[]> winRates = new ArrayList<>();
    private double ess;
    private int samples;

    /** The dual step {@code ascent} fed by {@code estimator}. */
    public DualStep(DualAscent ascent, WinRateEstimator estimator) {
        this.ascent = ascent;
        this.estimator = estimator;
    }

    /** The multipliers {@code λ_2 … λ_K} now. */
    public double[] lambda() {
        return ascent.lambda();
    }

    /** Adds one micro-batch's estimate (the batch's arrays must still be open). */
    public void observe(PreferenceBatch batch) {
        WinRateEstimate estimate = estimator.estimate(batch);
        winRates.add(estimate.winRatesPerRun()[0]);
        ess += estimate.effectiveSampleSizePerRun()[0];
        samples += estimate.samples();
    }

    /** Forgets what was observed since the last update (a skipped step). */
    public void discard() {
        winRates.clear();
        ess = 0;
        samples = 0;
    }

    /**
     * After optimiser step {@code step}: the update it made from the observed estimates, or null
     * when no update is due at this step. The observations are consumed either way.
     */
    public DualUpdate update(long step) {
        DualUpdate update = null;
        if (ascent.isDue(step) && !winRates.isEmpty()) {
            double[] mean = new double[winRates.get(0).length];
            for (double[] rates : winRates) {
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += rates[k] / winRates.size();
                }
            }
            update = ascent.update(step, mean, ess, samples);
        }
        discard();
        return update;
    }

    /** The state a checkpoint saves. */
    public DualState state() {
        return ascent.state();
    }

    /** Continues from a saved state. */
    public void restore(DualState state) {
        ascent.restore(state);
    }
}
