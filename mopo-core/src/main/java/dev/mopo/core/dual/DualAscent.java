package dev.mopo.core.dual;

import dev.mopo.core.Checks;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.Arrays;

/**
 * The multiplier step of one policy (spec §5): every {@code interval} optimiser steps,
 *
 * <pre>λ_k ← clip( λ_k − η_λ · (P̂_k − b_k), 0, λ_max )</pre>
 *
 * so a violated constraint ({@code P̂_k < b_k}) raises {@code λ_k} and a slack one lowers it
 * toward 0. Estimates are smoothed by an exponential moving average before use.
 */
public final class DualAscent {

    private final ObjectiveSet objectives;
    private final double[] thresholds;
    private final DualConfig config;
    private double[] lambda;
    private double[] smoothed;
    private long updates;

    /**
     * The dual step for {@code objectives} with thresholds {@code b_2 … b_K} on the win-rate scale
     * (each in (0, 1)), starting from {@code initialLambda} (zeros when {@code null}).
     */
    public DualAscent(ObjectiveSet objectives, double[] thresholds, DualConfig config, double[] initialLambda) {
        this.objectives = objectives;
        int constrained = objectives.constrainedCount();
        if (thresholds.length != constrained) {
            throw new IllegalArgumentException("thresholds must give one value per constrained objective "
                    + objectives.constrained() + ", got " + Arrays.toString(thresholds));
        }
        for (int k = 0; k < constrained; k++) {
            Checks.openUnit("thresholds." + objectives.name(k + 1), thresholds[k]);
        }
        this.thresholds = thresholds.clone();
        this.config = config;
        this.lambda = initialLambda == null ? new double[constrained] : initialLambda.clone();
        if (lambda.length != constrained) {
            throw new IllegalArgumentException("initial lambda must give one value per constrained objective "
                    + objectives.constrained() + ", got " + Arrays.toString(initialLambda));
        }
        for (int k = 0; k < constrained; k++) {
            double value = lambda[k];
            if (!(value >= 0 && value <= config.maxMultiplier())) {
                throw new IllegalArgumentException("lambda[" + objectives.name(k + 1) + "] must be in [0, "
                        + config.maxMultiplier() + "], got " + value);
            }
        }
    }

    /** The current multipliers {@code λ_2 … λ_K} (a copy). */
    public double[] lambda() {
        return lambda.clone();
    }

    /** The thresholds {@code b_2 … b_K} (a copy). */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Whether the dual step runs after optimiser step {@code step} (1-based). */
    public boolean isDue(long step) {
        return step % config.interval() == 0;
    }

    /**
     * Applies one dual step from this batch's estimates {@code P̂_1 … P̂_K} (all objectives; the
     * primary's is only logged) and returns what happened.
     */
    public DualUpdate update(long step, double[] rawWinRates, double effectiveSampleSize, int samples) {
        if (rawWinRates.length != objectives.size()) {
            throw new IllegalArgumentException("win-rate estimates must give one value per objective "
                    + objectives + ", got " + Arrays.toString(rawWinRates));
        }
        double ema = config.estimateEma();
        if (smoothed == null) {
            smoothed = rawWinRates.clone();
        } else {
            for (int k = 0; k < smoothed.length; k++) {
                smoothed[k] = ema * smoothed[k] + (1 - ema) * rawWinRates[k];
            }
        }
        for (int k = 0; k < lambda.length; k++) {
            double gradient = smoothed[k + 1] - thresholds[k];
            lambda[k] = Math.min(config.maxMultiplier(), Math.max(0, lambda[k] - config.stepSize() * gradient));
        }
        updates++;
        boolean reliable = effectiveSampleSize >= config.minEssFraction() * samples;
        return new DualUpdate(step, lambda.clone(), smoothed.clone(), rawWinRates.clone(), effectiveSampleSize,
                samples, reliable);
    }

    /** A snapshot for checkpoints. */
    public DualState state() {
        return new DualState(lambda.clone(), smoothed == null ? null : smoothed.clone(), updates);
    }

    /** Restores a snapshot taken by {@link #state()} for the same objectives. */
    public void restore(DualState state) {
        if (state.lambda().length != lambda.length) {
            throw new IllegalArgumentException("saved dual state has " + state.lambda().length
                    + " multipliers but there are " + lambda.length + " constrained objectives "
                    + objectives.constrained());
        }
        if (state.smoothedWinRates() != null && state.smoothedWinRates().length != objectives.size()) {
            throw new IllegalArgumentException("saved dual state has " + state.smoothedWinRates().length
                    + " smoothed win rates but there are " + objectives.size() + " objectives");
        }
        this.lambda = state.lambda().clone();
        this.smoothed = state.smoothedWinRates() == null ? null : state.smoothedWinRates().clone();
        this.updates = state.updates();
    }
}
