package dev.mopo.djl.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.core.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per training step or evaluation, flushed as written so
 * that a crash loses nothing. On resume, records after the checkpoint's step are dropped first,
 * so the file reads as one uninterrupted run. Values that are not finite are left out.
 */
final class MetricsLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens {@code file} for appending, first dropping records with a step after {@code keepUpTo}. */
    static MetricsLog open(Path file, long keepUpTo) throws IOException {
        if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && JSON.readTree(line).path("step").asLong() <= keepUpTo) {
                    kept.add(line);
                }
            }
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    /** Appends a training step's record. */
    void append(StepRecord record) {
        ObjectNode json = JSON.createObjectNode();
        json.put("step", record.step());
        put(json, "epoch", record.epoch());
        put(json, "learning_rate", record.learningRate());
        put(json, "loss_scale", record.lossScale());
        if (record.skipped()) {
            json.put("skipped", true);
        }
        if (record.overflow()) {
            json.put("overflow", true);
        }
        put(json, "loss", record.loss());
        putAll(json, "", record.lossMetrics());
        put(json, "grad_norm", record.gradNorm());
        if (record.dual() != null) {
            putAll(json, "", record.dual().metrics());
            json.put("estimate_reliable", record.dual().reliable());
        }
        json.put("skipped_steps", record.skippedSteps());
        put(json, "seconds", record.seconds());
        put(json, "tokens_per_second", record.tokensPerSecond());
        write(json);
    }

    /** Appends an evaluation's record. */
    void append(EvalRecord record) {
        ObjectNode json = JSON.createObjectNode();
        json.put("step", record.step());
        json.put("split", "eval");
        json.put("pairs", record.pairs());
        put(json, "loss", record.loss());
        putAll(json, "", record.lossMetrics());
        putAll(json, "win_rate/", record.winRates());
        put(json, "ess", record.ess());
        write(json);
    }

    private static void put(ObjectNode json, String key, double value) {
        if (Double.isFinite(value)) {
            json.put(key, value);
        }
    }

    private static void putAll(ObjectNode json, String prefix, Map<String, Double> values) {
        values.forEach((name, value) -> put(json, prefix + name, value));
    }

    private void write(JsonNode record) {
        try {
            out.write(JSON.writeValueAsString(record));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics.jsonl: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
