package dev.mopo.bench.synthetic;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.dual.DualUpdate;
import dev.mopo.core.dual.MultiplierStep;
import dev.mopo.core.loss.PreferenceLoss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * R tabular policies trained by one method on the same data: a threshold sweep for MOPO, a
 * weight sweep for a baseline. The runs share one loss object (the batch carries a leading run
 * axis) and, for MOPO, each has its own {@link MultiplierStep}.
 */
final class RunGroup {

    /** What a group's batches carry besides log-probs and outcomes, for the preference values {@code p̄}. */
    enum Values {
        /** Nothing: {@code p̄} is the pair's own outcome (and the other losses need none). */
        OUTCOMES,
        /** Response ids: {@code p̄} pooled over the minibatch. */
        RESPONSE_IDS,
        /** Each response's results pooled over all the sampled pairs. */
        POOLED,
        /** The exact {@code r_k}. */
        EXACT
    }

    private final String method;
    private final NDArray theta;
    private final List<String> labels;
    private final PreferenceLoss loss;
    private final List<MultiplierStep> duals;
    private final Values values;
    private final boolean prompts;
    private final LaggedReference reference;
    private final List<DualUpdate> lastUpdates;
    private final List<List<double[]>> lambdaTraces = new ArrayList<>();

    private RunGroup(String method, NDArray theta, List<String> labels, PreferenceLoss loss, List<MultiplierStep> duals,
            Values values, boolean prompts, LaggedReference reference) {
        if (theta.getShape().get(0) != labels.size()) {
            throw new IllegalArgumentException("one parameter row per run: " + theta.getShape() + " for " + labels.size());
        }
        this.method = method;
        this.theta = theta;
        this.labels = List.copyOf(labels);
        this.loss = loss;
        this.duals = List.copyOf(duals);
        this.values = values;
        this.prompts = prompts;
        this.reference = reference;
        this.lastUpdates = new ArrayList<>(Collections.nCopies(labels.size(), null));
        for (int r = 0; r < labels.size(); r++) {
            lambdaTraces.add(new ArrayList<>());
        }
    }

    /** A method without a dual step. */
    static RunGroup primalOnly(String method, NDArray theta, List<String> labels, PreferenceLoss loss) {
        return new RunGroup(method, theta, labels, loss, List.of(), Values.OUTCOMES, false, null);
    }

    /**
     * A method whose runs each move their multipliers with their own step; its batches carry
     * {@code values}, the one prompt when {@code prompts}, and, with a {@code reference}, each
     * run's lagged reference.
     */
    static RunGroup withDual(String method, NDArray theta, List<String> labels, PreferenceLoss loss,
            List<MultiplierStep> duals, Values values, boolean prompts, LaggedReference reference) {
        if (duals.size() != labels.size()) {
            throw new IllegalArgumentException("one dual step per run: " + duals.size() + " for " + labels.size());
        }
        return new RunGroup(method, theta, labels, loss, duals, values, prompts, reference);
    }

    String method() {
        return method;
    }

    /** The runs' parameters {@code θ}, shape {@code [R, N]}. */
    NDArray theta() {
        return theta;
    }

    List<String> labels() {
        return labels;
    }

    int runs() {
        return labels.size();
    }

    PreferenceLoss loss() {
        return loss;
    }

    List<MultiplierStep> duals() {
        return duals;
    }

    boolean hasDual() {
        return !duals.isEmpty();
    }

    Values values() {
        return values;
    }

    /** Whether the batches say that all pairs share the problem's one prompt. */
    boolean prompts() {
        return prompts;
    }

    /** The runs' lagged references, or null when the reference never moves. */
    LaggedReference reference() {
        return reference;
    }

    /** The most recent dual update of run {@code r}, or null. */
    DualUpdate lastUpdate(int r) {
        return lastUpdates.get(r);
    }

    void recordUpdate(int r, DualUpdate update) {
        lastUpdates.set(r, update);
        lambdaTraces.get(r).add(update.lambda());
    }

    /**
     * The largest standard deviation of a multiplier of run {@code r} over the last quarter of its
     * updates: near 0 when {@code λ} has settled, large when it oscillates or drifts. NaN without
     * updates.
     */
    double lambdaSpread(int r) {
        List<double[]> trace = lambdaTraces.get(r);
        List<double[]> tail = trace.subList(trace.size() - trace.size() / 4, trace.size());
        if (tail.isEmpty()) {
            return Double.NaN;
        }
        double worst = 0;
        for (int k = 0; k < tail.get(0).length; k++) {
            double mean = 0;
            for (double[] lambda : tail) {
                mean += lambda[k] / tail.size();
            }
            double variance = 0;
            for (double[] lambda : tail) {
                variance += (lambda[k] - mean) * (lambda[k] - mean) / tail.size();
            }
            worst = Math.max(worst, Math.sqrt(variance));
        }
        return worst;
    }
}
