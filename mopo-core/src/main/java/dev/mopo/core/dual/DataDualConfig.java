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

    /** Validates every field; a bad one is an {@link IllegalArgumentException} naming it. */
    public DataDualConfig {
        Checks.atLeastOne("data_dual.interval", interval);
        Checks.positive("data_dual.max_multiplier", maxMultiplier);
        if (windowPairs < 0) {
            throw new IllegalArgumentException("data_dual.window_pairs must be >= 0, got " + windowPairs);
        }
        Checks.nonNegative("epsilon", epsilon);
        Checks.positive("data_dual.chi_step_size", chiStepSize);
        Checks.halfOpenUnit("data_dual.min_ess_fraction", minEssFraction);
        Objects.requireNonNull(ratchet, "data_dual.ratchet");
    }

    /** A copy with another interval. */
    public DataDualConfig withInterval(int value) {
        return new DataDualConfig(value, maxMultiplier, solve, windowPairs, epsilon, chiStepSize, minEssFraction, ratchet);
    }

    /** A copy that solves (or steps) with another window. */
    public DataDualConfig withSolve(boolean value, int window) {
        return new DataDualConfig(interval, maxMultiplier, value, window, epsilon, chiStepSize, minEssFraction, ratchet);
    }

    /** A copy with another KL radius. */
    public DataDualConfig withEpsilon(double value) {
        return new DataDualConfig(interval, maxMultiplier, solve, windowPairs, value, chiStepSize, minEssFraction, ratchet);
    }

    /** A copy with another χ step size. */
    public DataDualConfig withChiStepSize(double value) {
        return new DataDualConfig(interval, maxMultiplier, solve, windowPairs, epsilon, value, minEssFraction, ratchet);
    }

    /** A copy with another ratchet schedule. */
    public DataDualConfig withRatchet(RatchetSchedule value) {
        return new DataDualConfig(interval, maxMultiplier, solve, windowPairs, epsilon, chiStepSize, minEssFraction, value);
    }
}
