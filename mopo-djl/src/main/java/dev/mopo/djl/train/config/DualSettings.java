package dev.mopo.djl.train.config;

import dev.mopo.core.Checks;
import dev.mopo.core.dual.DataDualConfig;
import dev.mopo.core.dual.DualConfig;
import dev.mopo.core.dual.MultiplierRule;
import dev.mopo.core.dual.RatchetSchedule;

/**
 * The multiplier step. {@code mopo} and {@code mopo-lb} use the data's closed-form dual (spec §10),
 * {@code mopo-regression} the estimator {@code dual_estimator} names (spec §5). Zero for
 * {@code dual_step_size} or {@code dual_interval} means the rule's own default, measured on the
 * synthetic suite and the demo (README): step 0.5 and every 25 steps for the data dual, step 1 and
 * every step for snis and pairwise.
 *
 * @param dualStepSize {@code η} of the multiplier step; 0 for the rule's default ({@code dual_step_size})
 * @param dualInterval run the multiplier step every this many optimiser steps; 0 for the rule's default
 *     ({@code dual_interval})
 * @param dualEstimator what moves {@code mopo-regression}'s multipliers ({@code dual_estimator}, default snis)
 * @param estimateEma the moving-average factor of snis/pairwise estimates, in [0, 1) ({@code estimate_ema}, 0.9)
 * @param maxLambda {@code λ_max} ({@code max_lambda}, default 100)
 * @param dualSolve the data dual iterates λ (and χ) to convergence on its evidence at every update, rather
 *     than one step as the paper interleaves them ({@code dual_solve}, default true)
 * @param dualWindow the data dual's evidence: the most recent this many pairs; 0 for the pairs since the last
 *     update ({@code dual_window}, default 5120)
 * @param epsilon Eq. 8's KL radius {@code ε}; 0 for no robust bound ({@code epsilon}, default 0)
 * @param chiStepSize the step of Eq. 8's {@code χ} when not solving ({@code chi_step_size}, default 0.1)
 * @param barrierStrength {@code mopo-lb}'s {@code σ} ({@code barrier_strength}, default 1e-3)
 * @param barrierKnee {@code mopo-lb}'s {@code δ}, below which the barrier is linear ({@code barrier_knee}, 1e-5)
 * @param ratchetPeriod {@code t0}: every this many steps thresholds ratchet and the reference moves to the
 *     policy of {@code t0} steps earlier; 0 for never ({@code ratchet_period}, default 0)
 * @param thresholdRelaxation {@code β} of the ratchet {@code b ← β Ĝ} ({@code threshold_relaxation}, 0.9995)
 */
public record DualSettings(double dualStepSize, int dualInterval, EstimatorKind dualEstimator, double estimateEma,
        double maxLambda, boolean dualSolve, int dualWindow, double epsilon, double chiStepSize, double barrierStrength,
        double barrierKnee, long ratchetPeriod, double thresholdRelaxation) {

    /** Validates the fields (through the core types that use them). */
    public DualSettings {
        Checks.required(dualEstimator, "dual_estimator");
        Checks.nonNegative("dual_step_size", dualStepSize);
        Checks.nonNegative("dual_interval", dualInterval);
        Checks.nonNegative("dual_window", dualWindow);
        Checks.nonNegative("ratchet_period", ratchetPeriod);
        estimatorConfig(dualStepSize, dualInterval, maxLambda, estimateEma);
        dataDualConfig(dualInterval, maxLambda, dualSolve, dualWindow, epsilon, chiStepSize, ratchetPeriod,
                thresholdRelaxation);
        new MultiplierRule.LogBarrier(barrierStrength, barrierKnee);
        lagrangian(dualStepSize);
    }

    /** The ascent on snis or pairwise estimates (spec §5). */
    public DualConfig estimatorConfig() {
        return estimatorConfig(dualStepSize, dualInterval, maxLambda, estimateEma);
    }

    /** The data's closed-form dual (spec §10). */
    public DataDualConfig dataDualConfig() {
        return dataDualConfig(dualInterval, maxLambda, dualSolve, dualWindow, epsilon, chiStepSize, ratchetPeriod,
                thresholdRelaxation);
    }

    /** The data dual's rule for {@code loss}: the log barrier for {@code mopo-lb}, else the Lagrangian step. */
    public MultiplierRule rule(LossKind loss) {
        return loss == LossKind.MOPO_LB ? new MultiplierRule.LogBarrier(barrierStrength, barrierKnee)
                : lagrangian(dualStepSize);
    }

    private static DualConfig estimatorConfig(double stepSize, int interval, double maxLambda, double estimateEma) {
        return new DualConfig(stepSize > 0 ? stepSize : 1.0, interval > 0 ? interval : 1, maxLambda, estimateEma,
                DualConfig.DEFAULT.minEssFraction());
    }

    private static DataDualConfig dataDualConfig(int interval, double maxLambda, boolean solve, int window,
            double epsilon, double chiStepSize, long ratchetPeriod, double thresholdRelaxation) {
        DataDualConfig defaults = DataDualConfig.DEFAULT;
        RatchetSchedule ratchet = ratchetPeriod == 0 ? RatchetSchedule.NEVER
                : RatchetSchedule.every(ratchetPeriod, thresholdRelaxation);
        return new DataDualConfig(interval > 0 ? interval : defaults.interval(), maxLambda, solve, window, epsilon,
                chiStepSize, defaults.minEssFraction(), ratchet);
    }

    private static MultiplierRule.Lagrangian lagrangian(double stepSize) {
        return new MultiplierRule.Lagrangian(stepSize > 0 ? stepSize : MultiplierRule.Lagrangian.DEFAULT.stepSize());
    }
}
