package dev.mopo.djl.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.OptionalLong;

/** Which position of each sequence a reward model scores. */
public enum ScorePooling {

    /**
     * transformers 5.18 {@code *ForSequenceClassification} ({@code modeling_layers.py:157-173}, copied at
     * {@code gpt2:914-930}, {@code gpt_neox:521-537}, {@code opt:579-595}): the rightmost token that is
     * not {@code pad_token_id}, {@code (arange(T) * (ids != pad)).argmax(-1)}; the attention mask plays no
     * part, so with pad = eos a trailing eos is skipped, and a row of nothing but pad scores position 0.
     * Without a pad id only a batch of one sequence can be scored (at its last position).
     */
    RIGHTMOST_NON_PAD,

    /**
     * Safe-RLHF {@code ScoreModelMixin}: the last position whose attention mask is 1
     * ({@code attention_mask[b].nonzero()[-1]}), pad ids play no part.
     */
    LAST_ATTENDED;

    /**
     * The scored position of each row, {@code [B]} int64 on the device of {@code ids}.
     *
     * @param ids token ids {@code [B, T]}, padded on either side
     * @param attentionMask {@code [B, T]}, 1 for tokens and 0 for padding
     * @param padTokenId the config's {@code pad_token_id}, if any
     * @throws IllegalArgumentException for a batch of more than one row without a pad id
     *     ({@link #RIGHTMOST_NON_PAD}, as transformers refuses it), or a row without an attended
     *     token ({@link #LAST_ATTENDED})
     */
    public NDArray positions(NDArray ids, NDArray attentionMask, OptionalLong padTokenId) {
        long batch = ids.getShape().get(0);
        long steps = ids.getShape().get(1);
        NDArray counted;
        if (this == RIGHTMOST_NON_PAD) {
            if (padTokenId.isEmpty()) {
                if (batch > 1) {
                    throw new IllegalArgumentException("the model's config.json has no pad_token_id, so (as in"
                            + " transformers) only one sequence at a time can be scored, not a batch of " + batch);
                }
                return ids.getManager().create(new long[] {steps - 1}).toDevice(ids.getDevice(), false);
            }
            counted = ids.neq(padTokenId.getAsLong());
        } else {
            counted = attentionMask.eq(1);
            if (counted.toType(DataType.INT64, false).sum(new int[] {1}).eq(0).any().getBoolean()) {
                throw new IllegalArgumentException("a row of the batch has no attended token (attention mask all 0)");
            }
        }
        NDArray index = ids.getManager().arange(0, (int) steps, 1, DataType.INT64, ids.getDevice());
        return counted.toType(DataType.INT64, false).mul(index).argMax(1);
    }
}
