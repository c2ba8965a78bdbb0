package dev.mopo.datasets.batch;

/** Where padding goes in a row of a batch. */
public enum PaddingSide {
    /** Pad before the tokens (sequences end together; usual for generation). */
    LEFT,
    /** Pad after the tokens (sequences start together; usual for training). */
    RIGHT
}
