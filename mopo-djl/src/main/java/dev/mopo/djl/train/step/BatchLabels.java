package dev.mopo.djl.train.step;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mopo.datasets.batch.TokenBatch;

/**
 * A {@link TokenBatch}'s labels as NDArrays on a device: the outcomes {@code [B, K]} reordered
 * into the run's objective order (the tokens are {@link dev.mopo.djl.logprob.LogProbs#scorePairs}'s).
 *
 * @param outcomes {@code o_k ∈ {+1, −1, 0}}, float32
 * @param rewardMargins per-objective score margins {@code [B, K]}, or null when not asked for
 */
public record BatchLabels(NDArray outcomes, NDArray rewardMargins) {

    /** The arrays of {@code batch} on {@code manager}; {@code withRewards} also builds score margins. */
    public static BatchLabels of(TokenBatch batch, int[] outcomeColumns, boolean withRewards, NDManager manager) {
        NDArray margins = null;
        if (withRewards) {
            margins = manager.create(reorder(rewardMargins(batch), batch.size(), batch.numObjectives(), outcomeColumns),
                    new Shape(batch.size(), outcomeColumns.length));
        }
        return new BatchLabels(manager.create(reorder(batch.outcomes(), batch.size(), batch.numObjectives(),
                outcomeColumns), new Shape(batch.size(), outcomeColumns.length)), margins);
    }

    private static float[] rewardMargins(TokenBatch batch) {
        float[] a = batch.scoresA();
        float[] b = batch.scoresB();
        if (a == null || b == null) {
            throw new IllegalArgumentException("modpo needs per-response scores (point-wise rewards) for the"
                    + " non-primary objectives; this dataset has none (pair " + batch.ids()[0] + ")");
        }
        float[] margins = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            margins[i] = a[i] - b[i];
        }
        return margins;
    }

    private static float[] reorder(float[] values, int pairs, int columns, int[] order) {
        float[] out = new float[pairs * order.length];
        for (int i = 0; i < pairs; i++) {
            for (int k = 0; k < order.length; k++) {
                out[i * order.length + k] = values[i * columns + order[k]];
            }
        }
        return out;
    }
}
