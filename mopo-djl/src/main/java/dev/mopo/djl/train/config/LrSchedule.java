package dev.mopo.djl.train.config;

import dev.mopo.core.Choice;

/** The setting {@code lr_schedule}: how the learning rate falls after warm-up (TRL's {@code lr_scheduler_type}). */
public enum LrSchedule implements Choice {
    /** Half a cosine from the peak to 0. */
    COSINE("cosine"),
    /** A straight line from the peak to 0. */
    LINEAR("linear"),
    /** The peak throughout. */
    CONSTANT("constant");

    private final String key;

    LrSchedule(String key) {
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
