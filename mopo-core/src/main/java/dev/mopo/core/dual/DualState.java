package dev.mopo.core.dual;

/**
 * Everything a {@link MultiplierStep} remembers, for checkpoints: a plain record of numbers and
 * arrays (any JSON mapper that handles records writes and reads it). Fields a rule does not use
 * are {@code null} (arrays) or 0.
 *
 * @param rule which rule saved it ({@code "ascent"}, {@code "data-lagrangian"},
 *     {@code "data-log-barrier"}); {@code null} is accepted from checkpoints that predate it
 * @param updates the number of updates applied
 * @param lambda {@code λ_2 … λ_K}
 * @param thresholds {@code b_2 … b_K} in force (they move when thresholds ratchet)
 * @param smoothedWinRates the ascent's EMA of {@code P̂_1 … P̂_K}, or {@code null} before its first update
 * @param chi Eq. 8's {@code χ_2 … χ_K} (data dual)
 * @param ratchetPending {@code Ĝ_2 … Ĝ_K} recorded at the last ratchet, the next thresholds
 *     before relaxation, or {@code null} before the first (data dual)
 * @param evidence observed evidence not yet consumed, or kept in a window: for the ascent one row
 *     per micro-batch {@code [P̂_1 … P̂_K, ess, samples]}; for the data dual one row per pair as
 *     {@link dev.mopo.core.tilt.ResponseSample#rows()} writes it
 * @param freshPairs of the data dual's evidence rows, how many (the last ones) arrived since the
 *     previous update
 */
public record DualState(String rule, long updates, double[] lambda, double[] thresholds, double[] smoothedWinRates,
        double[] chi, double[] ratchetPending, double[][] evidence, int freshPairs) {}
