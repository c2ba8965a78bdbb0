package dev.mopo.djl.train.config;

import dev.mopo.core.dual.DataDualConfig;
import dev.mopo.core.dual.MultiplierRule;

/**
 * The multiplier settings of a {@link TrainConfigBuilder} ({@link DualSettings}: how the λ of the
 * constrained objectives move), with their defaults: one method per setting, named as the
 * setting, each returning the {@link TrainConfigBuilder} it belongs to.
 */
public abstract sealed class DualSettingsBuilder permits TrainConfigBuilder {

    private double dualStepSize;
    private int dualInterval;
    private EstimatorKind dualEstimator = EstimatorKind.SNIS;
    private double estimateEma = 0.9;
    private double maxLambda = 100;
    private boolean dualSolve = DataDualConfig.DEFAULT.solve();
    private int dualWindow = DataDualConfig.DEFAULT.windowPairs();
    private double epsilon = DataDualConfig.DEFAULT.epsilon();
    private double chiStepSize = DataDualConfig.DEFAULT.chiStepSize();
    private double barrierStrength = MultiplierRule.LogBarrier.DEFAULT.strength();
    private double barrierKnee = MultiplierRule.LogBarrier.DEFAULT.knee();
    private long ratchetPeriod;
    private double thresholdRelaxation = 0.9995;

    DualSettingsBuilder() {}

    /** {@code dual_step_size}. */
    public TrainConfigBuilder dualStepSize(double value) {
        dualStepSize = value;
        return self();
    }

    /** {@code dual_interval}. */
    public TrainConfigBuilder dualInterval(int value) {
        dualInterval = value;
        return self();
    }

    /** {@code dual_estimator}. */
    public TrainConfigBuilder dualEstimator(EstimatorKind value) {
        dualEstimator = value;
        return self();
    }

    /** {@code estimate_ema}. */
    public TrainConfigBuilder estimateEma(double value) {
        estimateEma = value;
        return self();
    }

    /** {@code max_lambda}. */
    public TrainConfigBuilder maxLambda(double value) {
        maxLambda = value;
        return self();
    }

    /** {@code dual_solve}. */
    public TrainConfigBuilder dualSolve(boolean value) {
        dualSolve = value;
        return self();
    }

    /** {@code dual_window}. */
    public TrainConfigBuilder dualWindow(int value) {
        dualWindow = value;
        return self();
    }

    /** {@code epsilon}. */
    public TrainConfigBuilder epsilon(double value) {
        epsilon = value;
        return self();
    }

    /** {@code chi_step_size}. */
    public TrainConfigBuilder chiStepSize(double value) {
        chiStepSize = value;
        return self();
    }

    /** {@code barrier_strength}. */
    public TrainConfigBuilder barrierStrength(double value) {
        barrierStrength = value;
        return self();
    }

    /** {@code barrier_knee}. */
    public TrainConfigBuilder barrierKnee(double value) {
        barrierKnee = value;
        return self();
    }

    /** {@code ratchet_period}: 0 for never. */
    public TrainConfigBuilder ratchetPeriod(long value) {
        ratchetPeriod = value;
        return self();
    }

    /** {@code threshold_relaxation}. */
    public TrainConfigBuilder thresholdRelaxation(double value) {
        thresholdRelaxation = value;
        return self();
    }

    /** The multiplier settings as set so far. */
    DualSettings dualSettings() {
        return new DualSettings(dualStepSize, dualInterval, dualEstimator, estimateEma, maxLambda, dualSolve,
                dualWindow, epsilon, chiStepSize, barrierStrength, barrierKnee, ratchetPeriod, thresholdRelaxation);
    }

    private TrainConfigBuilder self() {
        return (TrainConfigBuilder) this;
    }
}
