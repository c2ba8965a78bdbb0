package dev.mopo.core.batch;

/**
 * How the per-token log-probs of a response become the log-prob {@code log π(y|x)} used in
 * {@code g(y)}: summed over the response tokens, or averaged over them (as TRL does for IPO).
 */
public enum LogProbReduction {
    /** Sum over response tokens: the true sequence log-probability. */
    SUM,
    /** Mean over response tokens: removes the length bias of long responses. */
    MEAN
}
