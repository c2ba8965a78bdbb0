package dev.mopo.djl.score;

/** The kinds of reward-model checkpoint: where the head is stored and which position it scores. */
public enum ScoreFormat {

    /**
     * transformers {@code *ForSequenceClassification}: {@code score.weight [num_labels, W]}, no bias
     * ({@code modeling_layers.py:122}, {@code gpt2:863}, {@code gpt_neox:490}, {@code opt:544}),
     * scored at {@link ScorePooling#RIGHTMOST_NON_PAD}.
     */
    SEQUENCE_CLASSIFICATION("score", ScorePooling.RIGHTMOST_NON_PAD),

    /**
     * PKU-Alignment Safe-RLHF {@code *ForScore} ({@code safe_rlhf/models/score_model}):
     * {@code score_head.weight [score_dim, W]}, {@code score_head.bias [score_dim]} when the config's
     * {@code bias} is true, scored at {@link ScorePooling#LAST_ATTENDED}; its {@code normalizer.*}
     * buffers are not read.
     */
    SAFE_RLHF("score_head", ScorePooling.LAST_ATTENDED);

    private final String tensorPrefix;
    private final ScorePooling pooling;

    ScoreFormat(String tensorPrefix, ScorePooling pooling) {
        this.tensorPrefix = tensorPrefix;
        this.pooling = pooling;
    }

    /** The head's weight tensor name. */
    public String weightName() {
        return tensorPrefix + ".weight";
    }

    /** The head's bias tensor name. */
    public String biasName() {
        return tensorPrefix + ".bias";
    }

    /** The position this format scores. */
    public ScorePooling pooling() {
        return pooling;
    }
}
