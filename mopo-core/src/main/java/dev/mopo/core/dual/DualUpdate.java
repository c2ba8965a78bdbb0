package dev.mopo.core.dual;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One multiplier update, as users read it in the logs. {@link #metrics()} holds every number the
 * rule reports, in a stable order under stable names, so that a trainer logs them without knowing
 * the rule:
 *
 * <ul>
 *   <li>{@code lambda/<objective>} — {@code λ_k} after the update;
 *   <li>{@code win_rate/<objective>}, {@code raw_win_rate/<objective>} — the smoothed and raw
 *       estimates {@code P̂_k} of the policy's win rates ({@link EstimatorAscent});
 *   <li>{@code constraint/<objective>} — {@code G_k(ρ_λ)}, the target policy's win rate from the
 *       data, {@code robust_constraint/<objective>} — its lower bound {@code Ĝ_k} (Eq. 8),
 *       {@code chi/<objective>} — Eq. 8's {@code χ_k} when {@code ε > 0} ({@link DataDual});
 *   <li>{@code threshold/<objective>} — {@code b_k} in force (it moves when thresholds ratchet);
 *   <li>{@code ess}, {@code ess_fraction}, {@code samples} — the effective sample size of the
 *       evidence's importance weights, as a count and as a fraction of the responses used;
 *       {@code tilt_ess} — the effective number of responses the target policy rests on.
 * </ul>
 *
 * @param step the optimiser step after which the update ran
 * @param lambda {@code λ_2 … λ_K} after the update
 * @param metrics name → value, in a stable order
 * @param reliable false when the evidence's effective sample size collapsed: the update is not
 *     to be trusted
 * @param referenceMoves true when the thresholds ratcheted at this step (spec §10): the trainer
 *     now makes the policy of {@code t0} steps ago its reference and snapshots the current one
 */
public record DualUpdate(long step, double[] lambda, Map<String, Double> metrics, boolean reliable,
        boolean referenceMoves) {

    /** Copies the arrays and freezes the metrics' order. */
    public DualUpdate {
        lambda = lambda.clone();
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
