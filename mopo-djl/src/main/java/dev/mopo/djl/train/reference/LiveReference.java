package dev.mopo.djl.train.reference;

import ai.djl.ndarray.NDManager;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.logprob.PairLogProbs;
import dev.mopo.djl.model.CausalLm;

/** A frozen reference model that scores every batch as training goes ({@code reference_mode: live}). */
public final class LiveReference implements ReferenceSource, AutoCloseable {

    private final CausalLm model;

    /** Scores with {@code model}, which this source closes. */
    public LiveReference(CausalLm model) {
        this.model = model;
    }

    @Override
    public ReferenceScores scores(TokenBatch batch, NDManager manager) {
        PairLogProbs scored = LogProbs.scorePairs(model.block(), model.parameterStore(), batch, manager, false);
        return new ReferenceScores(scored.sumA(), scored.sumB(), scored.countA(), scored.countB());
    }

    @Override
    public void close() {
        model.close();
    }
}
