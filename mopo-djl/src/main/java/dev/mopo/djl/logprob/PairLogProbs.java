package dev.mopo.djl.logprob;

import ai.djl.ndarray.NDArray;

/**
 * Log-probs of both responses of a batch of B pairs, as {@link LogProbs#scorePairs} computes
 * them.
 *
 * @param sum {@code [2B]} fp32, {@code log π(y|x)} summed over each response's tokens: rows
 *     {@code 0…B−1} response a, {@code B…2B−1} response b (the order of TRL's concatenated batch)
 * @param count {@code [2B]} fp32, the tokens scored in each response
 */
public record PairLogProbs(NDArray sum, NDArray count) {

    /** {@code [B]}, response a's sums. */
    public NDArray sumA() {
        return sum.get(":" + pairs());
    }

    /** {@code [B]}, response b's sums. */
    public NDArray sumB() {
        return sum.get(pairs() + ":");
    }

    /** {@code [B]}, response a's token counts. */
    public NDArray countA() {
        return count.get(":" + pairs());
    }

    /** {@code [B]}, response b's token counts. */
    public NDArray countB() {
        return count.get(pairs() + ":");
    }

    private long pairs() {
        return sum.getShape().get(0) / 2;
    }
}
