package dev.mopo.bench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a MOPO run's multiplier behaved, read from its {@code metrics.jsonl}: the final λ, how far it
 * swung over the last quarter of training, and the steps whose win-rate estimate was flagged
 * unreliable (its effective sample size collapsed).
 *
 * @param finalLambda the multiplier after the last step
 * @param swing over the last quarter of the steps, (max − min) / mean of λ; 0 when λ stayed at 0
 * @param unreliableSteps training steps whose record says {@code estimate_reliable: false}
 */
record DualTrace(double finalLambda, double swing, int unreliableSteps) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trace of {@code objective}'s multiplier in the run folder {@code run}. */
    static DualTrace read(Path run, String objective) throws IOException {
        String key = "lambda/" + objective;
        List<double[]> lambdas = new ArrayList<>();
        int unreliable = 0;
        try (BufferedReader reader = Files.newBufferedReader(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode record = JSON.readTree(line);
                if (record.has("split")) {
                    continue;
                }
                if (record.path(key).isNumber()) {
                    lambdas.add(new double[] {record.path("step").asDouble(), record.get(key).asDouble()});
                }
                if (record.path("estimate_reliable").isBoolean() && !record.get("estimate_reliable").asBoolean()) {
                    unreliable++;
                }
            }
        }
        if (lambdas.isEmpty()) {
            throw new IOException(run.resolve("metrics.jsonl") + ": no " + key + " in any training record");
        }
        double lastStep = lambdas.get(lambdas.size() - 1)[0];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = 0;
        for (double[] point : lambdas) {
            if (point[0] >= 0.75 * lastStep) {
                min = Math.min(min, point[1]);
                max = Math.max(max, point[1]);
                sum += point[1];
                n++;
            }
        }
        double mean = sum / n;
        return new DualTrace(lambdas.get(lambdas.size() - 1)[1], mean == 0 ? 0 : (max - min) / mean, unreliable);
    }
}
