package dev.mopo.djl.train.config;

import dev.mopo.core.dual.DualConfig;
import java.util.Objects;

/**
 * MOPO's multiplier step (spec §5). The numeric settings are validated by {@link DualConfig}, which
 * {@link #dualConfig()} builds.
 *
 * @param dualStepSize {@code η_λ} ({@code dual_step_size}, default 1)
 * @param dualInterval run the dual step every this many optimiser steps ({@code dual_interval}, default 1)
 * @param dualEstimator the win-rate estimator ({@code dual_estimator}, default {@code snis})
 * @param estimateEma the moving-average factor of the estimates, in [0, 1) ({@code estimate_ema}, default 0.9)
 * @param maxLambda {@code λ_max} ({@code max_lambda}, default 100)
 */
public record DualSettings(double dualStepSize, int dualInterval, EstimatorKind dualEstimator, double estimateEma,
        double maxLambda) {

    /** Validates the fields. */
    public DualSettings {
        Objects.requireNonNull(dualEstimator, "dual_estimator");
        new DualConfig(dualStepSize, dualInterval, maxLambda, estimateEma, DualConfig.DEFAULT.minEssFraction());
    }

    /** The core's configuration of the dual step. */
    public DualConfig dualConfig() {
        return new DualConfig(dualStepSize, dualInterval, maxLambda, estimateEma, DualConfig.DEFAULT.minEssFraction());
    }
}
