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
 * @param setting which configuration of that side ran ({@code default}, {@code best}, …)
 * @param implementation the libraries and versions that ran
 * @param attention how attention was computed
 * @param threads PyTorch intra-op threads
 * @param interopThreads PyTorch inter-op threads
 * @param batchPairs pairs per optimiser step
 * @param warmupSteps optimiser steps run before the timed ones
 * @param stepTokens non-padding tokens of each timed step (both responses of every pair, the prompt in each)
 * @param stepSeconds wall time of each timed step, from the end of the step before to the end of this one
 * @param referenceTokens non-padding tokens of the reference pass (every training pair, both rows)
 * @param referenceSeconds wall time of the reference pass
 * @param setupSeconds loading the model and data and precomputing reference log-probs (not in the step times)
 * @param peakRssBytes the process's peak resident set ({@code VmHWM}, {@code ru_maxrss}); -1 when unknown
 */
public record TrainSpeedResult(String side, String setting, String implementation, String attention, int threads,
        int interopThreads, int batchPairs, int warmupSteps, List<Long> stepTokens, List<Double> stepSeconds,
        long referenceTokens, double referenceSeconds, double setupSeconds, long peakRssBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates that there is at least one timed step, with its tokens. */
    public TrainSpeedResult {
        if (stepSeconds.isEmpty() || stepSeconds.size() != stepTokens.size()) {
            throw new IllegalArgumentException(side + ": " + stepSeconds.size() + " timed steps with " + stepTokens.size()
                    + " token counts; need at least one, and one count per step");
        }
        stepTokens = List.copyOf(stepTokens);
        stepSeconds = List.copyOf(stepSeconds);
    }

    /** The side and setting, e.g. {@code trl (best)}. */
    public String label() {
        return side + " (" + setting + ")";
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

    /** Tokens per second over the timed steps: their tokens over their time. */
    public double tokensPerSecond() {
        return stepTokens.stream().mapToLong(Long::longValue).sum()
                / stepSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Tokens per second of the reference pass. */
    public double referenceTokensPerSecond() {
        return referenceTokens / referenceSeconds;
    }

    /** One line of JSON. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("side", side)
                .put("setting", setting)
                .put("implementation", implementation)
                .put("attention", attention)
                .put("threads", threads)
                .put("interop_threads", interopThreads)
                .put("batch_pairs", batchPairs)
                .put("warmup_steps", warmupSteps)
                .put("timed_steps", timedSteps())
                .put("seconds_per_step_mean", round(meanSeconds(), 5))
                .put("seconds_per_step_median", round(medianSeconds(), 5))
                .put("tokens_per_second", round(tokensPerSecond(), 1))
                .put("reference_tokens", referenceTokens)
                .put("reference_seconds", round(referenceSeconds, 3))
                .put("reference_tokens_per_second", round(referenceTokensPerSecond(), 1))
                .put("peak_rss_bytes", peakRssBytes)
                .put("setup_seconds", round(setupSeconds, 3));
        stepTokens.forEach(node.withArray("step_tokens")::add);
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
        List<Double> seconds = new ArrayList<>();
        required(node, "step_seconds", file).forEach(value -> seconds.add(value.asDouble()));
        List<Long> tokens = new ArrayList<>();
        required(node, "step_tokens", file).forEach(value -> tokens.add(value.asLong()));
        return new TrainSpeedResult(text(node, "side", file), text(node, "setting", file),
                text(node, "implementation", file), text(node, "attention", file),
                required(node, "threads", file).asInt(), required(node, "interop_threads", file).asInt(),
                required(node, "batch_pairs", file).asInt(), required(node, "warmup_steps", file).asInt(), tokens,
                seconds, required(node, "reference_tokens", file).asLong(),
                required(node, "reference_seconds", file).asDouble(), required(node, "setup_seconds", file).asDouble(),
                required(node, "peak_rss_bytes", file).asLong());
    }

    /** The figures as text, one line. */
    public String summary() {
        return String.format(Locale.ROOT, "%.4f s/step (median %.4f), %.0f tokens/s, peak RSS %s; %d timed steps after %d"
                + " warm-up; reference pass %.0f tokens/s (%.1f s); setup and reference pass %.1f s", meanSeconds(),
                medianSeconds(), tokensPerSecond(), ProcessMemory.mib(peakRssBytes), timedSteps(), warmupSteps,
                referenceTokensPerSecond(), referenceSeconds, setupSeconds);
    }

    private static String text(JsonNode node, String key, Path file) {
        return required(node, key, file).asText();
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
