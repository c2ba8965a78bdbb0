package dev.mopo.djl.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weighted means of named metrics over the batches that define them: a batch whose value is NaN
 * (an objective that labels none of its pairs) adds nothing, and a metric no batch defines is
 * left out rather than reported as zero.
 */
final class MetricMeans {

    private final Map<String, double[]> sums = new LinkedHashMap<>();

    /** Adds one batch's values with weight {@code weight} (its pairs, or 1 per micro-batch). */
    void add(Map<String, Double> values, double weight) {
        values.forEach((name, value) -> {
            double[] sum = sums.computeIfAbsent(name, k -> new double[2]);
            if (!Double.isNaN(value)) {
                sum[0] += value * weight;
                sum[1] += weight;
            }
        });
    }

    /** Each defined metric's weighted mean, in first-seen order. */
    Map<String, Double> means() {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((name, sum) -> {
            if (sum[1] > 0) {
                means.put(name, sum[0] / sum[1]);
            }
        });
        return means;
    }
}
