package dev.mopo.djl.train.reference;

import ai.djl.ndarray.NDArray;

/**
 * The reference model's view of a batch of B pairs: the summed log-prob of each response and its
 * number of response tokens (what a mean reduction divides by), each {@code [B]} float32; after
 * the reference moved (spec §10's lagged reference), also the summed log-probs of the policy that
 * produced the data, {@code μ} (the original reference).
 *
 * @param sumA {@code log π_ref(y_a|x)}
 * @param sumB {@code log π_ref(y_b|x)}
 * @param tokensA response tokens of {@code y_a}
 * @param tokensB response tokens of {@code y_b}
 * @param behaviourA {@code log μ(y_a|x)}, or null while the reference has not moved
 * @param behaviourB {@code log μ(y_b|x)}, or null
 */
public record ReferenceScores(NDArray sumA, NDArray sumB, NDArray tokensA, NDArray tokensB, NDArray behaviourA,
        NDArray behaviourB) {

    /** Scores of a reference that has not moved. */
    public ReferenceScores(NDArray sumA, NDArray sumB, NDArray tokensA, NDArray tokensB) {
        this(sumA, sumB, tokensA, tokensB, null, null);
    }
}
