package dev.mopo.djl.logprob;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.batch.LogProbReduction;

/**
 * Log-probs of the response tokens of a batch.
 *
 * @param tokens {@code [B, T]} fp32: at position {@code t}, {@code log p(ids[t] | ids[<t])} where
 *     {@code t} is a response token, 0 elsewhere (prompt, padding, and position 0)
 * @param sum {@code [B]}, the sum over response tokens: {@code log π(y|x)}
 * @param count {@code [B]}, the number of response tokens scored
 */
public record SequenceLogProbs(NDArray tokens, NDArray sum, NDArray count) {

    /** {@code [B]}, the mean over response tokens (NaN for a row without response tokens). */
    public NDArray mean() {
        return sum.div(count);
    }

    /** {@code [B]}, the sum or the mean. */
    public NDArray reduce(LogProbReduction reduction) {
        return reduction == LogProbReduction.SUM ? sum : mean();
    }
}
