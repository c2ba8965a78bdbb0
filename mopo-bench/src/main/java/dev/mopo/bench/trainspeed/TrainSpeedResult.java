package dev.mopo.bench.trainspeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.bench.measure.ProcessMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one side of the training benchmark measured. Its JSON form (snake_case keys, one object)
 * is what {@code trl_train_speed.py} writes, so that either side's figures read back into this
 * record.
 *
 * @param side {@code mopo} or {@code trl}
 * @param implementation the libraries and versions that ran
 * @param attention how attention was computed
 * @param threads PyTorch intra-op threads
 * @param interopThreads PyTorch inter-op threads
 * @param batchPairs pairs per optimiser step
 * @param warmupSteps optimiser steps run before the timed ones
 * @param tokensPerStep non-padding tokens per optimiser step (both responses of every pair)
 * @param stepSeconds wall time of each timed step, from the end of the step before to the end of this one
 * @param setupSeconds loading the model and data and precomputing reference log-probs (not in the step times)
 * @param peakRssBytes the process's peak resident set ({@code VmHWM}, {@code ru_maxrss}); -1 when unknown
 */
public record TrainSpeedResult(String side, String implementation, String attention, int threads, int interopThreads,
        int batchPairs, int warmupSteps, long tokensPerStep, List<Double> stepSeconds, double setupSeconds,
        long peakRssBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates that there is at least one timed step. */
    public TrainSpeedResult {
        if (stepSeconds.isEmpty()) {
            throw new IllegalArgumentException(side + ": no timed steps");
        }
        stepSeconds = List.copyOf(stepSeconds);
    }

    /** The timed steps. */
    public int timedSteps() {
        return stepSeconds.size();
    }

    /** Mean seconds per optimiser step. */
    public double meanSeconds() {
        return stepSeconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Median seconds per optimiser step. */
    public double medianSeconds() {
        double[] sorted = stepSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Tokens per second over the timed steps. */
    public double tokensPerSecond() {
        return tokensPerStep / meanSeconds();
    }

    /** One line of JSON. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("side", side)
                .put("implementation", implementation)
                .put("attention", attention)
                .put("threads", threads)
                .put("interop_threads", interopThreads)
                .put("batch_pairs", batchPairs)
                .put("warmup_steps", warmupSteps)
                .put("timed_steps", timedSteps())
                .put("tokens_per_step", tokensPerStep)
                .put("seconds_per_step_mean", round(meanSeconds(), 5))
                .put("seconds_per_step_median", round(medianSeconds(), 5))
                .put("tokens_per_second", round(tokensPerSecond(), 1))
                .put("peak_rss_bytes", peakRssBytes)
                .put("setup_seconds", round(setupSeconds, 3));
        for (double seconds : stepSeconds) {
            node.withArray("step_seconds").add(round(seconds, 5));
        }
        return node.toString();
    }

    /** Reads the JSON of {@link #toJson()} (or of the TRL script) from {@code file}. */
    public static TrainSpeedResult read(Path file) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a benchmark result (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        List<Double> steps = new ArrayList<>();
        for (JsonNode seconds : required(node, "step_seconds", file)) {
            steps.add(seconds.asDouble());
        }
        return new TrainSpeedResult(required(node, "side", file).asText(), required(node, "implementation", file).asText(),
                required(node, "attention", file).asText(), required(node, "threads", file).asInt(),
                required(node, "interop_threads", file).asInt(), required(node, "batch_pairs", file).asInt(),
                required(node, "warmup_steps", file).asInt(), required(node, "tokens_per_step", file).asLong(),
                steps, required(node, "setup_seconds", file).asDouble(),
                required(node, "peak_rss_bytes", file).asLong());
    }

    /** The figures as text, one line. */
    public String summary() {
        return String.format(Locale.ROOT, "%.4f s/step (median %.4f), %.0f tokens/s, peak RSS %s; %d timed steps after %d"
                + " warm-up; setup and reference pass %.1f s", meanSeconds(), medianSeconds(), tokensPerSecond(),
                ProcessMemory.mib(peakRssBytes), timedSteps(), warmupSteps, setupSeconds);
    }

    private static JsonNode required(JsonNode node, String key, Path file) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(file + ": no '" + key + "' in the benchmark result");
        }
        return value;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
