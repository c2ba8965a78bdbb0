package dev.mopo.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A training run small enough for unit tests: the tiny fixture llama and a generated corpus. */
final class TinyRun {

    static final Path MODEL = Path.of("src", "test", "resources", "models", "llama-gqa-tied");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private TinyRun() {}

    /** A generic-preset JSONL corpus of {@code pairs} random pairs labelled by two objectives. */
    static Path corpus(Path folder, int pairs, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            lines.add(String.format("{\"prompt\": \"%s\", \"response_a\": \"%s\", \"response_b\": \"%s\", "
                    + "\"helpful\": %d, \"harmless\": %d}", words(random, 4), words(random, 3), words(random, 5),
                    random.nextBoolean() ? 1 : -1, random.nextInt(3) - 1));
        }
        Path file = folder.resolve("pairs.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** A MOPO config on the tiny model and {@code corpus}, writing to {@code output}. */
    static TrainConfigBuilder config(Path corpus, Path output) {
        return TrainConfig.builder()
                .model(MODEL)
                .datasetPreset("generic")
                .datasetPath(corpus)
                .datasetOptions(Map.of("objectives", "helpful,harmless"))
                .chatTemplate(TemplateChoice.NONE)
                .thresholds(Map.of("harmless", 0.55))
                .learningRate(1e-2)
                .batchSize(4)
                .maxSteps(6)
                .evalFraction(0.2)
                .maxLength(32)
                .maxPromptLength(16)
                .output(output);
    }

    /** Whether the checkpoint in {@code trained} computes other logits than the tiny model it started from. */
    static boolean changedTheModel(Path trained) throws IOException {
        try (CausalLm policy = CausalLm.load(trained, Device.cpu(), DataType.FLOAT32);
                CausalLm start = CausalLm.load(MODEL, Device.cpu(), DataType.FLOAT32)) {
            long[] ids = {1, 5, 9};
            return Math.abs(policy.logits(ids)[2][3] - start.logits(ids)[2][3]) > 1e-6;
        }
    }

    /** Every record of a run's {@code metrics.jsonl}. */
    static List<JsonNode> records(Path output) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("metrics.jsonl"))) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    /** The optimiser-step records of a run's {@code metrics.jsonl} (evaluations left out). */
    static List<JsonNode> trainRecords(Path output) throws IOException {
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode record : records(output)) {
            if (!record.has("split")) {
                steps.add(record);
            }
        }
        return steps;
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < count; w++) {
            text.append(w == 0 ? "" : " ");
            for (int c = 0; c < 2 + random.nextInt(5); c++) {
                text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
        }
        return text.toString();
    }
}
