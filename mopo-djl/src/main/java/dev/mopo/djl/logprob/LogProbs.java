package dev.mopo.djl.logprob;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.model.Casts;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.model.CausalLmBlock;
import dev.mopo.djl.model.SharedPrefixRows;

/**
 * Scores responses under a causal LM: the log-prob of each response token given everything
 * before it, {@code log_softmax(logits[t−1])[ids[t]]}. {@link #scorePairs} is the call a
 * preference trainer makes for policy and reference log-probs: it computes each pair's prompt
 * once for both responses and the output head only where a response token is predicted.
 * {@link #score} scores a padded batch of prompt+response sequences as they are, computing
 * logits at every position (what a plain forward does; the reference for the tests).
 */
public final class LogProbs {

    private LogProbs() {}

    /**
     * Log-probs of both responses of every pair of {@code batch}, differentiable when
     * {@code training} is true and the call runs inside a {@code GradientCollector}. Each pair is
     * one row, {@code [prompt | response a | response b]} ({@link SharedPrefixRows}), so the
     * prompt's layers run once for both responses; the output head and log-softmax run only at
     * the positions that predict a response token. The values equal {@link #score}'s on the
     * batch's right-padded {@code [2B, L]} rows up to float rounding (the tests hold them and the
     * gradients to 1e-5).
     *
     * @param manager where the batch's arrays are made (on the model's device); it must outlive
     *     the backward pass, which reads the index arrays made here
     */
    public static PairLogProbs scorePairs(CausalLmBlock block, ParameterStore store, TokenBatch batch, NDManager manager,
            boolean training) {
        return scorePairs(block, store, batch, manager, training, true);
    }

    /**
     * {@link #scorePairs(CausalLmBlock, ParameterStore, TokenBatch, NDManager, boolean)}, with the
     * prompt computed once per pair ({@code sharePrompt}) or once per response (a row each, as
     * TRL's batch): the same values either way; the training benchmark measures what sharing saves.
     */
    public static PairLogProbs scorePairs(CausalLmBlock block, ParameterStore store, TokenBatch batch, NDManager manager,
            boolean training, boolean sharePrompt) {
        PairRows layout = PairRows.of(batch, sharePrompt);
        Shape rows = new Shape(layout.rows(), layout.length());
        NDArray ids = manager.create(layout.ids(), rows);
        SharedPrefixRows shared = new SharedPrefixRows(manager.create(layout.positions(), rows),
                manager.create(layout.segments(), rows));
        NDArray predictors = manager.create(layout.predictors());
        NDArray targets = manager.create(layout.targets(), new Shape(layout.scored(), 1));
        NDArray slots = manager.create(layout.slots());
        NDArray count = manager.create(layout.counts());
        NDArray sum;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray hidden = block.hiddenStates(store, ids, shared, training);
            NDArray states = hidden.reshape(rows.size(), hidden.getShape().tail()).get(new NDIndex("{}", predictors));
            NDArray picked = Casts.toFloat32(block.logits(store, states, training)).logSoftmax(1).gather(targets, 1)
                    .reshape(layout.scored());
            NDArray withZero = NDArrays.concat(new NDList(picked, manager.zeros(new Shape(1), DataType.FLOAT32)), 0);
            sum = withZero.get(new NDIndex("{}", slots)).reshape(batch.size() * 2L, layout.longestResponse())
                    .sum(new int[] {1});
            NDScope.unregister(sum);
        }
        NDScope.register(sum);
        return new PairLogProbs(sum, count);
    }

    /** Inference log-probs (no gradient). See {@link #score(CausalLmBlock, ParameterStore, NDArray, NDArray, NDArray, boolean)}. */
    public static SequenceLogProbs score(CausalLm model, NDArray ids, NDArray attentionMask, NDArray responseMask) {
        return score(model.block(), model.parameterStore(), ids, attentionMask, responseMask, false);
    }

    /**
     * Log-probs of the tokens marked in {@code responseMask}; differentiable when
     * {@code training} is true and the call runs inside a {@code GradientCollector}.
     *
     * @param ids prompt+response ids {@code [B, T]}, right-padded
     * @param attentionMask {@code [B, T]}, 1 for real tokens, 0 for padding (null: no padding)
     * @param responseMask {@code [B, T]}, 1 for response tokens (position 0 is never scored)
     */
    public static SequenceLogProbs score(CausalLmBlock block, ParameterStore store, NDArray ids, NDArray attentionMask,
            NDArray responseMask, boolean training) {
        if (!responseMask.getShape().equals(ids.getShape())) {
            throw new IllegalArgumentException("response mask must have the ids' shape " + ids.getShape() + ", got "
                    + responseMask.getShape());
        }
        SequenceLogProbs result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits = block.forward(store, ids, attentionMask, null, null, training);
            NDArray mask = attentionMask == null ? responseMask : responseMask.mul(attentionMask);
            result = fromLogits(logits, ids, mask);
            NDScope.unregister(result.tokens(), result.sum(), result.count());
        }
        return joinCallerScope(result);
    }

    /** Log-probs from logits {@code [B, T, V]} of the tokens where {@code mask [B, T]} is 1. */
    public static SequenceLogProbs fromLogits(NDArray logits, NDArray ids, NDArray mask) {
        Shape shape = ids.getShape();
        if (shape.dimension() != 2 || shape.get(1) < 2) {
            throw new IllegalArgumentException("ids must have shape [B, T] with T >= 2, got " + shape);
        }
        if (!mask.getShape().equals(shape)) {
            throw new IllegalArgumentException("mask must have the ids' shape " + shape + ", got " + mask.getShape());
        }
        if (logits.getShape().dimension() != 3 || !logits.getShape().slice(0, 2).equals(shape)) {
            throw new IllegalArgumentException("logits must have shape [" + shape.get(0) + ", " + shape.get(1)
                    + ", V], got " + logits.getShape());
        }
        SequenceLogProbs result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // Every position's log-softmax, gathered, then the last (it predicts nothing) dropped: slicing
            // the [B, T, V] logits instead makes autograd zero-fill and copy a logits-sized gradient. fp16
            // logits are widened first (differentiably), so that log-probs and losses are fp32.
            NDArray logProbs = Casts.toFloat32(logits).logSoftmax(2);
            NDArray ids64 = ids.toType(DataType.INT64, false);
            NDArray targets = NDArrays.concat(
                    new NDList(ids64.get(new NDIndex(":, 1:")), ids64.get(new NDIndex(":, -1:"))), 1);
            NDArray picked = logProbs.gather(targets.expandDims(2), 2).squeeze(2).get(new NDIndex(":, :-1"));
            NDArray first = picked.zerosLike().get(new NDIndex(":, :1"));
            NDArray weights = mask.toType(DataType.FLOAT32, false).get(new NDIndex(":, 1:"));
            NDArray scored = picked.mul(weights);
            NDArray tokens = NDArrays.concat(new NDList(first, scored), 1);
            NDArray sum = scored.sum(new int[] {1});
            NDArray count = weights.sum(new int[] {1});
            NDScope.unregister(tokens, sum, count);
            result = new SequenceLogProbs(tokens, sum, count);
        }
        return joinCallerScope(result);
    }

    /** Registers a result with the caller's {@link NDScope}, if any, once this method's own scope has closed. */
    private static SequenceLogProbs joinCallerScope(SequenceLogProbs result) {
        NDScope.register(result.tokens());
        NDScope.register(result.sum());
        NDScope.register(result.count());
        return result;
    }
}
