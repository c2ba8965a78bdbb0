package dev.mopo.djl.train.reference;

import ai.djl.ndarray.NDManager;
import dev.mopo.datasets.batch.TokenBatch;

/** Where a batch's reference log-probs come from: a cache computed before training, or a live model. */
@FunctionalInterface
public interface ReferenceSource {

    /** The reference scores of {@code batch} (whose arrays are {@code tensors}), created on {@code manager}. */
    ReferenceScores scores(TokenBatch batch, NDManager manager);
}
