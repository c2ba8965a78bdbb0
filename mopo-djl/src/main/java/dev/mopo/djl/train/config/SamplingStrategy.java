package dev.mopo.djl.train.config;

import dev.mopo.core.Choice;

/**
 * The setting {@code train_sampling_strategy} (transformers' {@code TrainingArguments} option of
 * the same name): the order in which an epoch's pairs form batches.
 */
public enum SamplingStrategy implements Choice {
    /** Shuffled with the run's seed and the epoch, in a window of 8 192 pairs (the default). */
    RANDOM("random"),
    /** In file order, every epoch the same. */
    SEQUENTIAL("sequential"),
    /**
     * Shuffled, then sorted by length within the window and cut into batches of similar length
     * (the batches' order shuffled again, the longest first): less padding, the same pairs.
     */
    GROUP_BY_LENGTH("group_by_length");

    private final String key;

    SamplingStrategy(String key) {
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
