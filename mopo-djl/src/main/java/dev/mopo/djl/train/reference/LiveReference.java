package dev.mopo.djl.train.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.logprob.SequenceLogProbs;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.step.BatchTensors;

/** A frozen reference model that scores every batch as training goes ({@code reference_mode: live}). */
public final class LiveReference implements ReferenceSource, AutoCloseable {

    private final CausalLm model;

    /** Scores with {@code model}, which this source closes. */
    public LiveReference(CausalLm model) {
        this.model = model;
    }

    @Override
    public ReferenceScores scores(TokenBatch batch, BatchTensors tensors, NDManager manager) {
        SequenceLogProbs scored = LogProbs.score(model, tensors.ids(), tensors.attentionMask(), tensors.responseMask());
        int pairs = batch.size();
        NDArray sum = scored.sum().toType(DataType.FLOAT32, false);
        NDArray count = scored.count().toType(DataType.FLOAT32, false);
        return new ReferenceScores(sum.get(":" + pairs), sum.get(pairs + ":"), count.get(":" + pairs),
                count.get(pairs + ":"));
    }

    @Override
    public void close() {
        model.close();
    }
}
