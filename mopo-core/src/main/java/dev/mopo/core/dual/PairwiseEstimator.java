package dev.mopo.core.dual;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;

/**
 * The pairwise estimator (spec §5): {@code q = σ(h)} read as the policy's probability of
 * preferring {@code y_a}, and {@code P̂_k = mean[ q·I_k + (1−q)(1−I_k) ]}. Lower variance than
 * {@link SnisEstimator} but biased; kept for ablations. Every pair weighs the same, so the
 * effective sample size is the number of pairs.
 */
public final class PairwiseEstimator implements WinRateEstimator {

    @Override
    public WinRateEstimate estimate(PreferenceBatch batch) {
        NDArray q = Activation.sigmoid(batch.margin(LogProbReduction.SUM).stopGradient());
        NDArray indicators = batch.indicators();
        int pairs = batch.size();
        NDArray winRates = q.matMul(indicators).add(q.neg().add(1).matMul(indicators.neg().add(1))).div(pairs);
        NDArray ess = q.sum(new int[] {-1}).zerosLike().add(pairs);
        return new WinRateEstimate(winRates, ess, pairs);
    }
}
