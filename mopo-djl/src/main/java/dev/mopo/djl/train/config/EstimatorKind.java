package dev.mopo.djl.train.config;

import dev.mopo.core.Choice;

/**
 * The setting {@code dual_estimator}: what moves {@code mopo-regression}'s multipliers (spec §5); {@code mopo} and
 * {@code mopo-lb} always use the data's closed form.
 */
public enum EstimatorKind implements Choice {
    /** Self-normalised importance sampling of the network's win rates over the batch's responses. */
    SNIS("snis"),
    /** {@code σ(h)} per pair: lower variance, biased. */
    PAIRWISE("pairwise"),
    /** The data's closed form (spec §10): the target policy's win rate from outcomes and λ alone, no network. */
    DATA("data");

    private final String key;

    EstimatorKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
