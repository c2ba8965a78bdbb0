package dev.mopo.djl.train.config;

import dev.mopo.core.Choice;

/** The setting {@code reference_mode}: where the reference model's log-probs come from. */
public enum ReferenceMode implements Choice {
    /** Computed once before training and cached; the reference model is not held while training. */
    PRECOMPUTED("precomputed"),
    /** A frozen reference model scores every batch as training goes. */
    LIVE("live");

    private final String key;

    ReferenceMode(String key) {
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
