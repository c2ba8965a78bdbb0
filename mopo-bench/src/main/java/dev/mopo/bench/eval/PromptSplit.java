package dev.mopo.bench.eval;

import dev.mopo.core.Choice;

/** Which pairs of a corpus give an evaluation its prompts: the setting {@code split}. */
public enum PromptSplit implements Choice {
    /** The held-out pairs, as training holds them out ({@code eval_fraction}, {@code seed}). */
    EVAL("eval"),
    /** The training pairs. */
    TRAIN("train"),
    /** Every pair. */
    ALL("all");

    private final String key;

    PromptSplit(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
