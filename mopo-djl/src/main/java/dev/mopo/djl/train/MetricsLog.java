package dev.mopo.djl.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
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
 * that a crash loses nothing, and the same records as a table in {@code metrics.csv}
 * ({@link MetricsCsv}). On resume, records after the checkpoint's step are dropped first (and a
 * last line a kill cut short), so the files read as one uninterrupted run. Values that are not
 * finite are left out.
 */
final class MetricsLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The table beside the JSON log. */
    static final String CSV_FILE = "metrics.csv";

    private final Path file;
    private final OutputStream out;
    private final MetricsCsv csv;

    private MetricsLog(Path file, OutputStream out, MetricsCsv csv) {
        this.file = file;
        this.out = out;
        this.csv = csv;
    }

    /**
     * Opens {@code file} for appending, first dropping records with a step after {@code keepUpTo},
     * and rebuilds {@code metrics.csv} beside it from what is kept.
     */
    static MetricsLog open(Path file, long keepUpTo) throws IOException {
        if (Files.exists(file)) {
            StringBuilder kept = new StringBuilder();
            for (Line line : lines(file)) {
                if (line.record().path("step").asLong() <= keepUpTo) {
                    kept.append(line.text()).append('\n');
                }
            }
            AtomicFiles.writeString(file, kept.toString());
        }
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        try {
            return new MetricsLog(file, out, MetricsCsv.rebuild(file.resolveSibling(CSV_FILE), file));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * The records of the JSON log {@code file}; a last line that is not whole JSON (a kill in the
     * middle of writing it) is left out.
     */
    static List<JsonNode> records(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (Line line : lines(file)) {
            records.add(line.record());
        }
        return records;
    }

    /** A line of the JSON log as written, and its record. */
    private record Line(String text, JsonNode record) {}

    private static List<Line> lines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Line> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(new Line(line, JSON.readTree(line)));
            } catch (JsonProcessingException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + ": line " + (i + 1) + " is not a JSON record (" + e.getOriginalMessage()
                            + "); delete that line and resume again", e);
                }
            }
        }
        return records;
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

    /** Writes the record's line in one write, so that a kill leaves whole lines, then its CSV row. */
    private void write(JsonNode record) {
        try {
            out.write((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        csv.append(record);
    }

    @Override
    public void close() throws IOException {
        try (csv) {
            out.close();
        }
    }
}
