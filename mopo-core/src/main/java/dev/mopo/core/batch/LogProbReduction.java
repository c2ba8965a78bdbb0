package dev.mopo.core.batch;

import dev.mopo.core.Choice;

/**
 * How the per-token log-probs of a response become the log-prob {@code log π(y|x)} used in
 * {@code g(y)}: summed over the response tokens, or averaged over them (as TRL does for IPO).
 * The setting {@code logp_reduction}.
 */
public enum LogProbReduction implements Choice {
    /** Sum over response tokens: the true sequence log-probability. */
    SUM("sum"),
    /** Mean over response tokens: removes the length bias of long responses. */
    MEAN("mean");

    private final String key;

    LogProbReduction(String key) {
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
