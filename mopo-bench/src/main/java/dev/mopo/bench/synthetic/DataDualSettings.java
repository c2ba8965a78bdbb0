package dev.mopo.bench.synthetic;

import dev.mopo.core.Checks;
import dev.mopo.core.dual.DataDualConfig;
import dev.mopo.core.dual.MultiplierRule;
import java.util.Objects;

/**
 * How the suite runs the data-dual variants (spec §10).
 *
 * @param dual the data dual's settings
 * @param stepSize Eq. 9's {@code η} (MOPO-Lag)
 * @param barrierStrength MOPO-LB's {@code σ}
 * @param barrierKnee MOPO-LB's {@code δ}
 * @param values where {@code p̄_k} comes from (the oracle variant always reads the exact values)
 * @param promptGroups whether batches say that all pairs share the tabular problem's one prompt
 *     (a softmax of {@code s/τ} over all responses), else every pair is normalised alone
 */
public record DataDualSettings(DataDualConfig dual, double stepSize, double barrierStrength, double barrierKnee,
        ValueSource values, boolean promptGroups) {

    /**
     * The core defaults ({@link DataDualConfig#DEFAULT}, {@link MultiplierRule.Lagrangian#DEFAULT},
     * {@link MultiplierRule.LogBarrier#DEFAULT}), {@code p̄} pooled over all pairs (the one-sample
     * and minibatch-pooled estimates are biased inside Eq. 3's exponential), one prompt.
     */
    public static final DataDualSettings DEFAULT = new DataDualSettings(DataDualConfig.DEFAULT,
            MultiplierRule.Lagrangian.DEFAULT.stepSize(), MultiplierRule.LogBarrier.DEFAULT.strength(),
            MultiplierRule.LogBarrier.DEFAULT.knee(), ValueSource.DATA, true);

    /** Validates every field. */
    public DataDualSettings {
        Objects.requireNonNull(dual, "dual");
        Checks.positive("data_dual.step_size", stepSize);
        Checks.positive("barrier.strength (sigma)", barrierStrength);
        Checks.positive("barrier.knee (delta)", barrierKnee);
        Objects.requireNonNull(values, "values");
    }

    /** MOPO-Lag's rule. */
    MultiplierRule lagrangian() {
        return new MultiplierRule.Lagrangian(stepSize);
    }

    /** MOPO-LB's rule. */
    MultiplierRule barrier() {
        return new MultiplierRule.LogBarrier(barrierStrength, barrierKnee);
    }
}
