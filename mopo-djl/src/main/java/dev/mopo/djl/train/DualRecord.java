package dev.mopo.djl.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One multiplier update as the logs show it: every number the multiplier step reports, by the
 * names of {@code dev.mopo.core.dual.DualUpdate#metrics()} ({@code lambda/<objective>},
 * {@code constraint/<objective>}, {@code threshold/<objective>}, {@code ess}, …).
 *
 * @param metrics name → value, in the step's order
 * @param reliable false when the evidence's effective sample size collapsed
 */
public record DualRecord(Map<String, Double> metrics, boolean reliable) {

    /** Copies the metrics. */
    public DualRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** {@code λ} of the constrained objective {@code name}, or NaN when the update has none. */
    public double lambda(String name) {
        return metrics.getOrDefault("lambda/" + name, Double.NaN);
    }

    /** Every {@code λ}, by objective name. */
    public Map<String, Double> lambdas() {
        Map<String, Double> lambdas = new LinkedHashMap<>();
        metrics.forEach((key, value) -> {
            if (key.startsWith("lambda/")) {
                lambdas.put(key.substring("lambda/".length()), value);
            }
        });
        return lambdas;
    }
}
