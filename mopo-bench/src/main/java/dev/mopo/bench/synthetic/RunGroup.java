package dev.mopo.bench.synthetic;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.dual.DualAscent;
import dev.mopo.core.dual.DualUpdate;
import dev.mopo.core.dual.WinRateEstimator;
import dev.mopo.core.loss.PreferenceLoss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * R tabular policies trained by one method on the same data: a threshold sweep for MOPO, a
 * weight sweep for a baseline. The runs share one loss object (the batch carries a leading run
 * axis) and, for MOPO, each has its own dual step.
 */
final class RunGroup {

    private final String method;
    private final NDArray theta;
    private final List<String> labels;
    private final PreferenceLoss loss;
    private final List<DualAscent> duals;
    private final WinRateEstimator estimator;
    private final List<DualUpdate> lastUpdates;

    private RunGroup(String method, NDArray theta, List<String> labels, PreferenceLoss loss, List<DualAscent> duals,
            WinRateEstimator estimator) {
        if (theta.getShape().get(0) != labels.size()) {
            throw new IllegalArgumentException("one parameter row per run: " + theta.getShape() + " for " + labels.size());
        }
        this.method = method;
        this.theta = theta;
        this.labels = List.copyOf(labels);
        this.loss = loss;
        this.duals = List.copyOf(duals);
        this.estimator = estimator;
        this.lastUpdates = new ArrayList<>(Collections.nCopies(labels.size(), null));
    }

    /** A method without a dual step. */
    static RunGroup primalOnly(String method, NDArray theta, List<String> labels, PreferenceLoss loss) {
        return new RunGroup(method, theta, labels, loss, List.of(), null);
    }

    /** A method whose runs each update their multipliers from {@code estimator}. */
    static RunGroup withDual(String method, NDArray theta, List<String> labels, PreferenceLoss loss,
            List<DualAscent> duals, WinRateEstimator estimator) {
        if (duals.size() != labels.size()) {
            throw new IllegalArgumentException("one dual step per run: " + duals.size() + " for " + labels.size());
        }
        return new RunGroup(method, theta, labels, loss, duals, estimator);
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

    List<DualAscent> duals() {
        return duals;
    }

    WinRateEstimator estimator() {
        return estimator;
    }

    boolean hasDual() {
        return !duals.isEmpty();
    }

    /** The most recent dual update of run {@code r}, or null. */
    DualUpdate lastUpdate(int r) {
        return lastUpdates.get(r);
    }

    void recordUpdate(int r, DualUpdate update) {
        lastUpdates.set(r, update);
    }
}
