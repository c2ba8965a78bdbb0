package dev.mopo.core.dual;

import dev.mopo.core.Checks;

/** How {@link DataDual} moves {@code λ} once it knows {@code Ĝ_k(ρ_λ)} (spec §10). */
public sealed interface MultiplierRule {

    /**
     * MOPO-Lag, Eq. 9: {@code λ_k ← clip(λ_k − η (Ĝ_k(ρ_λ) − b_k), 0, λ_max)} — or, when the dual
     * solves, the {@code λ} where that step stands still.
     *
     * @param stepSize {@code η > 0}
     */
    record Lagrangian(double stepSize) implements MultiplierRule {
        /** Validates the step size. */
        public Lagrangian {
            Checks.positive("dual.step_size (eta)", stepSize);
        }
    }

    /**
     * MOPO-LB: the log barrier {@code σ Σ_k log(Ĝ_k − b_k)}, linearly extended below
     * {@code b_k + δ} so that an infeasible start stays finite, whose stationarity gives
     * {@code λ_k = σ / max(Ĝ_k(ρ_λ) − b_k, δ)}: a fixed point, found by Newton steps on
     * {@code λ_k · max(Ĝ_k − b_k, δ) − σ = 0}. The solution keeps each constraint about
     * {@code σ/λ_k} above its threshold; {@code σ/δ} is the largest multiplier the barrier asks for.
     *
     * @param strength {@code σ > 0}
     * @param knee {@code δ > 0}
     */
    record LogBarrier(double strength, double knee) implements MultiplierRule {
        /** Validates both settings. */
        public LogBarrier {
            Checks.positive("barrier.strength (sigma)", strength);
            Checks.positive("barrier.knee (delta)", knee);
        }
    }
}
