package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.batch.PreferenceBatch;

/** A single-objective loss seen pair by pair, so that such losses can be combined (scalarisation). */
public interface PairwiseTerm {

    /** The loss of each pair, shape {@code [..., B]}; meaningful only where {@link #labelled} is 1. */
    NDArray perPair(PreferenceBatch batch, NDArray margin);

    /** 1 for the pairs this term's objective labels, 0 for ties, shape {@code [B]}. */
    NDArray labelled(PreferenceBatch batch);
}
