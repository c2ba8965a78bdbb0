package dev.mopo.djl.train.data;

/** The two sides of a corpus's train/eval split. */
public enum Split {
    /** The pairs training steps on. */
    TRAIN,
    /** The held-out pairs evaluations score. */
    EVAL
}
