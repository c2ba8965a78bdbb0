package dev.mopo.core.dual;

/**
 * When thresholds ratchet and the reference moves (spec §10): every {@code period} optimiser
 * steps ({@code t0}), {@code b_k ← β · Ĝ_k(ρ^(t − t0))} and {@code π_ref ← π^(t − t0)}. The
 * relaxation {@code β} is the paper's {@code β}; it is called {@code threshold_relaxation} here
 * because TRL's {@code beta} is the KL strength {@code τ}.
 *
 * @param thresholdRelaxation {@code β ∈ (0, 1]}
 * @param period {@code t0 ≥ 1} optimiser steps, {@link Long#MAX_VALUE} for never
 */
public record RatchetSchedule(double thresholdRelaxation, long period) {

    /** Thresholds stay as given and the reference never moves ({@code t0 = ∞}). */
    public static final RatchetSchedule NEVER = new RatchetSchedule(1.0, Long.MAX_VALUE);

    /** Validates both settings. */
    public RatchetSchedule {
        if (!(thresholdRelaxation > 0 && thresholdRelaxation <= 1)) {
            throw new IllegalArgumentException("threshold_relaxation (the paper's beta) must be in (0, 1], got "
                    + thresholdRelaxation);
        }
        if (period < 1) {
            throw new IllegalArgumentException("ratchet_period (the paper's t0) must be >= 1 step, or never; got " + period);
        }
    }

    /** Ratchets every {@code period} steps with relaxation {@code thresholdRelaxation}. */
    public static RatchetSchedule every(long period, double thresholdRelaxation) {
        return new RatchetSchedule(thresholdRelaxation, period);
    }

    /** Whether thresholds ever ratchet. */
    public boolean isNever() {
        return period == Long.MAX_VALUE;
    }

    /** Whether thresholds ratchet after optimiser step {@code step} (1-based). */
    public boolean isDue(long step) {
        return !isNever() && step % period == 0;
    }
}
