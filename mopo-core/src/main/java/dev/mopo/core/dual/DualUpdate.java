package dev.mopo.core.dual;

import java.util.Arrays;

/**
 * One multiplier update, as users read it in the logs.
 *
 * @param step the optimiser step after which the update ran
 * @param lambda {@code λ_2 … λ_K} after the update
 * @param winRates the smoothed estimates {@code P̂_1 … P̂_K} the update used
 * @param rawWinRates this batch's estimates before smoothing
 * @param effectiveSampleSize the estimate's effective sample size
 * @param samples the number of responses behind the estimate
 * @param reliable false when the effective sample size collapsed: the estimate is not to be
 *     trusted
 */
public record DualUpdate(long step, double[] lambda, double[] winRates, double[] rawWinRates,
        double effectiveSampleSize, int samples, boolean reliable) {

    @Override
    public String toString() {
        return String.format("step %d: lambda=%s win_rates=%s ess=%.1f/%d%s", step, Arrays.toString(lambda),
                Arrays.toString(winRates), effectiveSampleSize, samples,
                reliable ? "" : " (ESS collapsed: estimate unreliable)");
    }
}
