package dev.mopo.djl.train.step;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.loss.LossOutput;
import dev.mopo.core.loss.PreferenceLoss;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.logprob.PairLogProbs;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.config.PreferenceValueSource;
import dev.mopo.djl.train.data.PooledPreferences;
import dev.mopo.djl.train.reference.ReferenceScores;
import dev.mopo.djl.train.reference.ReferenceSource;
import java.util.Arrays;

/**
 * One batch of pairs through the policy: token arrays, the policy's log-probs of both responses
 * (differentiable when training, inside a gradient collector), the reference's from a
 * {@link ReferenceSource}, the {@link PreferenceBatch} the losses read, and the loss. Training
 * and evaluation run this same forward.
 */
public final class PreferenceStep {

    private final CausalLm policy;
    private final PreferenceLoss loss;
    private final int[] outcomeColumns;
    private final boolean needsRewards;
    private final PreferenceValueSource values;
    private final PooledPreferences pooled;

    /**
     * A step of {@code policy} under {@code loss}; {@code outcomeColumns[k]} is the batch column of
     * the loss's objective k; {@code needsRewards} adds point-wise reward margins (MODPO);
     * {@code values} says how responses' preference values are estimated (spec §10), from
     * {@code pooled} for {@link PreferenceValueSource#CORPUS} (else null).
     */
    public PreferenceStep(CausalLm policy, PreferenceLoss loss, int[] outcomeColumns, boolean needsRewards,
            PreferenceValueSource values, PooledPreferences pooled) {
        this.policy = policy;
        this.loss = loss;
        this.outcomeColumns = outcomeColumns.clone();
        this.needsRewards = needsRewards;
        this.values = values;
        this.pooled = pooled;
    }

    /**
     * The forward of {@code tokens}, its arrays on {@code manager}; {@code training} records the
     * graph for backward.
     *
     * @throws dev.mopo.core.batch.NonFiniteLogProbException when a log-prob is not finite
     */
    public Forward forward(TokenBatch tokens, ReferenceSource reference, NDManager manager, boolean training) {
        BatchLabels labels = BatchLabels.of(tokens, outcomeColumns, needsRewards, manager);
        ReferenceScores referenceScores = reference.scores(tokens, manager);
        PairLogProbs scored = LogProbs.scorePairs(policy.block(), policy.parameterStore(), tokens, manager, training);
        int pairs = tokens.size();
        PreferenceBatch.Builder builder = PreferenceBatch.builder()
                .policy(scored.sumA(), scored.sumB())
                .reference(referenceScores.sumA(), referenceScores.sumB())
                .tokens(referenceScores.tokensA(), referenceScores.tokensB())
                .outcomes(labels.outcomes())
                .prompts(tokens.promptKeys());
        if (values != PreferenceValueSource.PAIR) {
            builder.responses(Arrays.copyOfRange(tokens.responseKeys(), 0, pairs),
                    Arrays.copyOfRange(tokens.responseKeys(), pairs, 2 * pairs));
        }
        if (pooled != null) {
            builder.preferenceValues(pooledValues(tokens, 0, manager), pooledValues(tokens, pairs, manager))
                    .promptNormalisers(pooled);
        }
        if (referenceScores.behaviourA() != null) {
            builder.behaviour(referenceScores.behaviourA(), referenceScores.behaviourB());
        }
        if (labels.rewardMargins() != null) {
            builder.rewardMargins(labels.rewardMargins());
        }
        PreferenceBatch batch = builder.build();
        return new Forward(batch, loss.compute(batch), tokens.tokenCount());
    }

    /** The pooled values of the responses at rows {@code from … from + B − 1}, {@code [B, K]}. */
    private NDArray pooledValues(TokenBatch tokens, int from, NDManager manager) {
        int pairs = tokens.size();
        float[][] rows = new float[pairs][];
        for (int i = 0; i < pairs; i++) {
            rows[i] = pooled.values(tokens.responseKeys()[from + i]);
        }
        return manager.create(rows);
    }

    /**
     * One forward's results.
     *
     * @param batch the pairs as the losses see them
     * @param output the loss (attached to the graph when training) and its metrics
     * @param tokens the real tokens in the batch, padding excluded (for throughput)
     */
    public record Forward(PreferenceBatch batch, LossOutput output, double tokens) {

        /** The loss as a Java number. */
        public double lossValue() {
            return output.loss().toType(DataType.FLOAT64, false).getDouble();
        }
    }
}
