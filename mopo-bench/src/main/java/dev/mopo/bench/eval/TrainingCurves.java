package dev.mopo.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training curves of the evaluated policies that come from mopo runs: a policy folder
 * {@code RUN/checkpoint-NNNNNN} whose run folder has {@code metrics.jsonl} (or a folder holding
 * {@code metrics.jsonl} itself). The loss and every multiplier {@code lambda/<objective>} of each
 * optimiser step, up to the checkpoint's step.
 *
 * @param loss policy → (step, loss) points
 * @param lambdas {@code policy λ[objective]} → (step, λ) points
 */
record TrainingCurves(Map<String, List<double[]>> loss, Map<String, List<double[]>> lambdas) {

    /** The curves of the policies in {@code folders} (name → checkpoint folder) that have them. */
    static TrainingCurves read(Map<String, String> folders) throws IOException {
        Map<String, List<double[]>> loss = new LinkedHashMap<>();
        Map<String, List<double[]>> lambdas = new LinkedHashMap<>();
        for (Map.Entry<String, String> policy : folders.entrySet()) {
            Path folder = Path.of(policy.getValue());
            Optional<Path> metrics = metricsOf(folder);
            if (metrics.isEmpty()) {
                continue;
            }
            long lastStep = checkpointStep(folder);
            List<double[]> losses = new ArrayList<>();
            try (BufferedReader lines = Files.newBufferedReader(metrics.get(), StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    JsonNode record = parse(line);
                    if (record == null || record.has("split") || record.path("step").asLong() > lastStep) {
                        continue;
                    }
                    double step = record.path("step").asDouble();
                    if (record.path("loss").isNumber()) {
                        losses.add(new double[] {step, record.get("loss").asDouble()});
                    }
                    for (Iterator<String> keys = record.fieldNames(); keys.hasNext();) {
                        String key = keys.next();
                        if (key.startsWith("lambda/")) {
                            lambdas.computeIfAbsent(policy.getKey() + " λ[" + key.substring(7) + "]",
                                    k -> new ArrayList<>()).add(new double[] {step, record.get(key).asDouble()});
                        }
                    }
                }
            }
            if (!losses.isEmpty()) {
                loss.put(policy.getKey(), losses);
            }
        }
        return new TrainingCurves(loss, lambdas);
    }

    /** The {@code metrics.jsonl} of the run a policy folder belongs to, if any. */
    static Optional<Path> metricsOf(Path folder) {
        Path own = folder.resolve("metrics.jsonl");
        if (Files.isRegularFile(own)) {
            return Optional.of(own);
        }
        Path run = folder.getParent();
        if (folder.getFileName().toString().matches("checkpoint-\\d+") && run != null
                && Files.isRegularFile(run.resolve("metrics.jsonl"))) {
            return Optional.of(run.resolve("metrics.jsonl"));
        }
        return Optional.empty();
    }

    private static long checkpointStep(Path folder) {
        String name = folder.getFileName().toString();
        return name.matches("checkpoint-\\d+") ? Long.parseLong(name.substring("checkpoint-".length())) : Long.MAX_VALUE;
    }

    private static JsonNode parse(String line) {
        try {
            return line.isBlank() ? null : JsonLines.JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether no policy has a curve. */
    boolean isEmpty() {
        return loss.isEmpty() && lambdas.isEmpty();
    }
}
