package dev.mopo.djl.train.step;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mopo.datasets.batch.TokenBatch;

/**
 * A {@link TokenBatch} as NDArrays on a device: ids, attention mask and response mask
 * {@code [2B, L]} (rows {@code 0…B−1} prompt + response a, rows {@code B…2B−1} prompt + response
 * b), and the outcomes {@code [B, K]} reordered into the run's objective order.
 *
 * @param ids token ids, int64
 * @param attentionMask 1 for tokens, 0 for padding
 * @param responseMask 1 for the response tokens whose log-probs count
 * @param outcomes {@code o_k ∈ {+1, −1, 0}}, float32
 * @param rewardMargins per-objective score margins {@code [B, K]}, or null when not asked for
 */
public record BatchTensors(NDArray ids, NDArray attentionMask, NDArray responseMask, NDArray outcomes, NDArray rewardMargins) {

    /** The arrays of {@code batch} on {@code manager}; {@code withRewards} also builds score margins. */
    public static BatchTensors of(TokenBatch batch, int[] outcomeColumns, boolean withRewards, NDManager manager) {
        Shape rows = new Shape(2L * batch.size(), batch.length());
        int[] ids = batch.inputIds();
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        NDArray margins = null;
        if (withRewards) {
            margins = manager.create(reorder(rewardMargins(batch), batch.size(), batch.numObjectives(), outcomeColumns),
                    new Shape(batch.size(), outcomeColumns.length));
        }
        return new BatchTensors(manager.create(wide, rows), manager.create(batch.attentionMask(), rows),
                manager.create(batch.responseMask(), rows),
                manager.create(reorder(batch.outcomes(), batch.size(), batch.numObjectives(), outcomeColumns),
                        new Shape(batch.size(), outcomeColumns.length)),
                margins);
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
