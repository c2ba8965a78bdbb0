package dev.mopo.core.dual;

import dev.mopo.core.Checks;
import java.util.Objects;

/**
 * Settings of {@link DataDual} (spec §10).
 *
 * @param interval update every {@code interval} optimiser steps (a ratchet step always updates)
 * @param maxMultiplier {@code λ_max}, the upper end of the projection
 * @param solve false: one step per update (Eq. 9's step for MOPO-Lag, one Newton step for
 *     MOPO-LB) with one projected gradient step on each {@code χ_k}, as the paper interleaves them;
 *     true: {@code λ} and {@code χ} iterated to convergence on the evidence at every update
 * @param windowPairs 0: the evidence is the pairs observed since the previous update; W > 0: the
 *     most recent W pairs observed
 * @param epsilon {@code ε ≥ 0}, Eq. 8's KL radius; 0 makes {@code Ĝ = G}
 * @param chiStepSize the step of the projected gradient ascent on {@code χ} when not solving
 * @param minEssFraction an update whose importance weights' effective sample size falls below this
 *     fraction of its responses is flagged as unreliable
 * @param ratchet when thresholds ratchet and the reference moves
 */
public record DataDualConfig(int interval, double maxMultiplier, boolean solve, int windowPairs, double epsilon,
        double chiStepSize, double minEssFraction, RatchetSchedule ratchet) {

    /**
     * The defaults, chosen on the synthetic suite: every 25 steps, solve on the most recent 5 120
     * pairs, {@code ε = 0}, thresholds fixed ({@code λ_max = 100}, ESS floor 5 %). Solving needs no
     * step size, and the window averages out the per-batch noise that makes one-step updates (and
     * above all the barrier's {@code λ = σ/(Ĝ − b)}) jitter; every 10 steps gave the same fronts at
     * twice the cost. With {@code ε ≥ 0.001} most multipliers of the suite ran to {@code λ_max}.
     */
    public static final DataDualConfig DEFAULT = new DataDualConfig(25, 100, true, 5120, 0, 0.1, 0.05,
            RatchetSchedule.NEVER);

    /**
     * The paper's settings for text (its Table 3): one step of {@code λ} and {@code χ} per
     * optimiser step on that step's pairs, {@code ε = 0.15}, thresholds ratcheting every
     * {@code t0 = 500} steps with {@code β = 0.9995}. The paper gives no step sizes; these are
     * ours ({@code χ} step 0.1, with {@link MultiplierRule.Lagrangian#DEFAULT}).
     */
    public static final DataDualConfig PAPER = new DataDualConfig(1, 100, false, 0, 0.15, 0.1, 0.05,
            RatchetSchedule.every(500, 0.9995));

    /** Validates every field; a bad one is an {@link IllegalArgumentException} naming it. */
    public DataDualConfig {
        Checks.atLeastOne("dual_interval", interval);
        Checks.positive("max_lambda", maxMultiplier);
        if (windowPairs < 0) {
            throw new IllegalArgumentException("dual_window must be >= 0, got " + windowPairs);
        }
        Checks.nonNegative("epsilon", epsilon);
        Checks.positive("chi_step_size", chiStepSize);
        Checks.halfOpenUnit("min_ess_fraction", minEssFraction);
        Objects.requireNonNull(ratchet, "ratchet_period");
    }
}
