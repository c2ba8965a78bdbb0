package dev.mopo.djl.train.config;

import dev.mopo.core.Choice;

/** The setting {@code dual_estimator}: how the dual step estimates the policy's win rates (spec §5). */
public enum EstimatorKind implements Choice {
    /** Self-normalised importance sampling over the batch's responses. */
    SNIS("snis"),
    /** {@code σ(h)} per pair: lower variance, biased. */
    PAIRWISE("pairwise");

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
