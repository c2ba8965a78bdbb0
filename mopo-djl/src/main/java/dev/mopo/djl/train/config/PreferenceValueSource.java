package dev.mopo.djl.train.config;

import dev.mopo.core.Choice;

/**
 * The setting {@code preference_values}: how spec §10 estimates a response's preference value
 * {@code p̄_k(y)}, its probability of beating a data response under objective k. A single result
 * inside Eq. 3's exponential targets the wrong policy (the synthetic suite measured violations of
 * 0.02–0.14); pooling a response's results removes most of that bias.
 */
public enum PreferenceValueSource implements Choice {
    /** The pair's own outcome: 1, 0, or ½ for a tie. */
    PAIR("pair"),
    /** The mean over the response's pairs in the same batch (the same answer to the same prompt). */
    BATCH("batch"),
    /**
     * The mean over every pair of the training split holding the response, counted in the survey
     * pass: one entry per distinct response (about 50 bytes each) held during training.
     */
    CORPUS("corpus");

    private final String key;

    PreferenceValueSource(String key) {
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
