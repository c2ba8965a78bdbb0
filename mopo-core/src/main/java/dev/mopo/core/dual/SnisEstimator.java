package dev.mopo.core.dual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;

/**
 * Self-normalised importance sampling over the 2B responses of a batch (the default estimator,
 * spec §5). Each response is a sample from {@code μ ≈ π_ref} whose outcome against its partner is
 * known; its weight is {@code w ∝ π_θ/π_ref = exp g(y)}, normalised over the batch in log space:
 *
 * <pre>P̂_k = Σ_pairs [ w_a · I_k + w_b · (1 − I_k) ],   ESS = 1 / Σ w²</pre>
 *
 * Weights use summed log-probs whatever reduction the loss uses: only those are density ratios.
 */
public final class SnisEstimator implements WinRateEstimator {

    @Override
    public WinRateEstimate estimate(PreferenceBatch batch) {
        return estimate(batch.logRatioA(LogProbReduction.SUM).stopGradient(),
                batch.logRatioB(LogProbReduction.SUM).stopGradient(), batch.indicators());
    }

    /**
     * The estimate from summed log-ratios {@code g(y_a)}, {@code g(y_b)} of shape {@code [..., B]}
     * and indicators {@code I_k} of shape {@code [B, K]}: for pairs scored batch by batch and
     * estimated together (a held-out evaluation).
     */
    public static WinRateEstimate estimate(NDArray logRatioA, NDArray logRatioB, NDArray indicators) {
        int pairs = (int) indicators.getShape().get(0);
        NDArray weights = logRatioA.concat(logRatioB, -1).softmax(-1);
        NDArray weightA = weights.get(new NDIndex("..., :" + pairs));
        NDArray weightB = weights.get(new NDIndex("..., " + pairs + ":"));
        NDArray winRates = weightA.matMul(indicators).add(weightB.matMul(indicators.neg().add(1)));
        NDArray ess = weights.square().sum(new int[] {-1}).pow(-1);
        return new WinRateEstimate(winRates, ess, 2 * pairs);
    }
}
