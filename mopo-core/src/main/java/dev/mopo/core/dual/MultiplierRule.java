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

        /** {@code η = 0.5}: on the synthetic suite 0.25–1 gave the same fronts with λ settled, 4 oscillated. */
        public static final Lagrangian DEFAULT = new Lagrangian(0.5);

        /** Validates the step size. */
        public Lagrangian {
            Checks.positive("dual_step_size", stepSize);
        }
    }

    /**
     * MOPO-LB: the log barrier {@code σ Σ_k log(Ĝ_k − b_k)}, linearly extended below
     * {@code b_k + δ} so that an infeasible start stays finite, whose stationarity gives
     * {@code λ_k = σ / max(Ĝ_k(ρ_λ) − b_k, δ)}: a fixed point. Iterated as it stands it diverges
     * (its derivative, {@code −λ² ∂Ĝ/∂λ / σ}, is far below −1 for small {@code σ}); it is the
     * stationarity of the convex {@code D(λ) − σ Σ_k log λ_k} on {@code 0 < λ_k ≤ σ/δ} ({@code D}
     * the data's dual, whose gradient is {@code Ĝ − b}), which Newton steps minimise. The solution
     * keeps each constraint {@code σ/λ_k} above its threshold; {@code σ/δ} is the largest multiplier
     * the barrier asks for.
     *
     * @param strength {@code σ > 0}
     * @param knee {@code δ > 0}
     */
    record LogBarrier(double strength, double knee) implements MultiplierRule {

        /**
         * {@code σ = 10⁻³}, {@code δ = 10⁻⁵} (so {@code σ/δ = 100 = λ_max}): on the synthetic suite
         * {@code σ = 10⁻²} kept every constraint slack by {@code σ/λ} (no violations, larger primal
         * gaps) and {@code 10⁻⁴} tracked batch noise.
         */
        public static final LogBarrier DEFAULT = new LogBarrier(1e-3, 1e-5);

        /** Validates both settings. */
        public LogBarrier {
            Checks.positive("barrier_strength", strength);
            Checks.positive("barrier_knee", knee);
        }
    }
}
