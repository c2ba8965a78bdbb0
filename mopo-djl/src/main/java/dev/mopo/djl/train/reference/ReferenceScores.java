package dev.mopo.djl.train.reference;

import ai.djl.ndarray.NDArray;

/**
 * The reference model's view of a batch of B pairs: the summed log-prob of each response and its
 * number of response tokens (what a mean reduction divides by), each {@code [B]} float32.
 *
 * @param sumA {@code log π_ref(y_a|x)}
 * @param sumB {@code log π_ref(y_b|x)}
 * @param tokensA response tokens of {@code y_a}
 * @param tokensB response tokens of {@code y_b}
 */
public record ReferenceScores(NDArray sumA, NDArray sumB, NDArray tokensA, NDArray tokensB) {}
