package dev.mopo.core.dual;

import dev.mopo.core.Checks;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The multiplier step of one policy (spec §5): every {@code interval} optimiser steps,
 *
 * <pre>λ_k ← clip( λ_k − η_λ · (P̂_k − b_k), 0, λ_max )</pre>
 *
 * so a violated constraint ({@code P̂_k < b_k}) raises {@code λ_k} and a slack one lowers it
 * toward 0. Estimates are smoothed by an exponential moving average before use. This is the rule
 * on numbers; {@link EstimatorAscent} feeds it from a {@link WinRateEstimator} as a
 * {@link MultiplierStep}.
 */
public final class DualAscent {

    /** The {@link DualState#rule()} of this rule's snapshots. */
    static final String RULE = "ascent";

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
     * Applies one dual step from the estimates {@code P̂_1 … P̂_K} (all objectives; the primary's
     * is only logged), their effective sample size and the number of responses behind them, and
     * returns what happened: metrics {@code lambda/…}, {@code win_rate/…} (smoothed),
     * {@code raw_win_rate/…}, {@code threshold/…}, {@code ess}, {@code ess_fraction},
     * {@code samples}.
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
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int k = 0; k < lambda.length; k++) {
            metrics.put("lambda/" + objectives.name(k + 1), lambda[k]);
        }
        for (int k = 0; k < smoothed.length; k++) {
            metrics.put("win_rate/" + objectives.name(k), smoothed[k]);
        }
        for (int k = 0; k < rawWinRates.length; k++) {
            metrics.put("raw_win_rate/" + objectives.name(k), rawWinRates[k]);
        }
        for (int k = 0; k < thresholds.length; k++) {
            metrics.put("threshold/" + objectives.name(k + 1), thresholds[k]);
        }
        metrics.put("ess", effectiveSampleSize);
        metrics.put("ess_fraction", effectiveSampleSize / samples);
        metrics.put("samples", (double) samples);
        return new DualUpdate(step, lambda, metrics, reliable, false);
    }

    /** A snapshot for checkpoints. */
    public DualState state() {
        return new DualState(RULE, updates, lambda.clone(), thresholds.clone(), smoothed == null ? null : smoothed.clone(),
                null, null, null, 0);
    }

    /** Restores a snapshot taken by {@link #state()} for the same objectives. */
    public void restore(DualState state) {
        if (state.rule() != null && !RULE.equals(state.rule())) {
            throw new IllegalArgumentException("saved dual state is of rule '" + state.rule() + "', not '" + RULE + "'");
        }
        if (state.lambda() == null || state.lambda().length != lambda.length) {
            throw new IllegalArgumentException("saved dual state has "
                    + (state.lambda() == null ? "no" : String.valueOf(state.lambda().length))
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
