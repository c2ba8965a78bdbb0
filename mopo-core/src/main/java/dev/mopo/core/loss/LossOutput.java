package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A scalar loss to differentiate and the named scalar metrics that describe it (margins,
 * per-objective pairwise accuracy, targets). Metrics are computed only when asked for, so a loop
 * that logs every N steps pays for them every N steps; ask before the batch's arrays are closed.
 * With several runs in a batch, metrics are averaged over runs.
 */
public final class LossOutput {

    private final NDArray loss;
    private final Supplier<Map<String, NDArray>> metrics;

    /** A loss and a recipe for its metrics. */
    public LossOutput(NDArray loss, Supplier<Map<String, NDArray>> metrics) {
        this.loss = loss;
        this.metrics = metrics;
    }

    /** The scalar loss, attached to the autograd graph. */
    public NDArray loss() {
        return loss;
    }

    /** Metric name → scalar NDArray, in a stable order. */
    public Map<String, NDArray> metrics() {
        return metrics.get();
    }

    /** The metrics copied to Java numbers. */
    public Map<String, Double> metricValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        metrics().forEach((name, value) -> values.put(name, value.toType(DataType.FLOAT64, false).getDouble()));
        return values;
    }
}
