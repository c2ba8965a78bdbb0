package dev.mopo.djl.train.config;

import dev.mopo.core.Checks;
import dev.mopo.core.batch.LogProbReduction;
import java.util.Map;
import java.util.Objects;

/**
 * The preference loss (TRL's {@code DPOConfig}: {@code loss_type}, {@code beta}, {@code label_smoothing}).
 * Objective names are checked against the dataset when a session opens.
 *
 * @param loss which loss ({@code loss}, default {@code mopo})
 * @param tau the KL strength τ, TRL's {@code beta} ({@code tau}, default 0.1)
 * @param labelSmoothing cDPO's ε in [0, 0.5) ({@code label_smoothing}, default 0.1)
 * @param lossObjective the objective ordering the pairs of dpo, cdpo and ipo; null for the primary
 *     ({@code loss_objective})
 * @param logpReduction sum, or mean as TRL's IPO ({@code logp_reduction}, default {@code sum})
 * @param lossWeights per-objective weights of dpo-ls, ipo-ls and modpo ({@code loss_weights})
 * @param lambdas fixed multipliers of mopo-fixed, starting ones of mopo ({@code lambdas})
 * @param thresholds MOPO's win-rate thresholds {@code b_k} in (0, 1) per constrained objective ({@code thresholds})
 * @param preferenceValues how spec §10 estimates a response's preference value for {@code mopo}, {@code mopo-lb}
 *     and the data dual ({@code preference_values}, default {@code corpus})
 */
public record LossSettings(LossKind loss, double tau, double labelSmoothing, String lossObjective,
        LogProbReduction logpReduction, Map<String, Double> lossWeights, Map<String, Double> lambdas,
        Map<String, Double> thresholds, PreferenceValueSource preferenceValues) {

    /** Validates the fields; the maps are copied. */
    public LossSettings {
        Objects.requireNonNull(loss, "loss");
        Checks.positive("tau", tau);
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("label_smoothing must be in [0, 0.5), got " + labelSmoothing);
        }
        Objects.requireNonNull(logpReduction, "logp_reduction");
        lossWeights = Map.copyOf(lossWeights);
        lambdas = Map.copyOf(lambdas);
        thresholds = Map.copyOf(thresholds);
        lambdas.forEach((name, lambda) -> Checks.nonNegative("lambdas." + name, lambda));
        thresholds.forEach((name, b) -> Checks.openUnit("thresholds." + name, b));
        Checks.required(preferenceValues, "preference_values");
    }
}
